package io.metaloop.study;

import io.metaloop.space.SearchSpace;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What samplers and pruners see of a study: its directions, its declared search space (possibly
 * empty) and its trials. Reading the trials may go to storage, so samplers that do not need
 * them (random, Sobol) cost nothing; within one trial the list is read at most once.
 */
public interface StudyHistory {

    /** One direction per objective. */
    List<Direction> directions();

    /** The search space the study declared, or an empty one for pure define-by-run studies. */
    SearchSpace declaredSpace();

    /** Every trial of the study ordered by number, as stored when first asked for this trial. */
    List<FrozenTrial> trials();

    /** The trials in any of the given states. */
    default List<FrozenTrial> trials(Set<TrialState> states) {
        return trials().stream().filter(t -> states.contains(t.state())).toList();
    }

    /** The COMPLETE trials. */
    default List<FrozenTrial> completeTrials() {
        return trials(EnumSet.of(TrialState.COMPLETE));
    }
}
