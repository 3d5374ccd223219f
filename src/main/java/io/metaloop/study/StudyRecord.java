package io.metaloop.study;

import java.util.List;

/**
 * A study as a storage knows it: id, unique name and one direction per objective.
 *
 * @param id         the storage's study id
 * @param name       the unique name
 * @param directions one direction per objective
 */
public record StudyRecord(long id, String name, List<Direction> directions) {

    public StudyRecord {
        directions = List.copyOf(directions);
    }
}
