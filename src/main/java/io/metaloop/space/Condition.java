package io.metaloop.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Makes a parameter exist only when another parameter took one of the given values, e.g.
 * {@code momentum} only when {@code optimizer} is {@code sgd}.
 *
 * @param parameter the name of the parameter this one depends on (declared earlier)
 * @param values    the values of that parameter for which this one exists
 */
public record Condition(String parameter, List<Object> values) {

    public Condition {
        // not List.copyOf: null is a legal categorical choice, so a condition may name it
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Whether the condition holds for the values chosen so far. */
    public boolean holds(Map<String, Object> chosen) {
        if (!chosen.containsKey(parameter)) {
            return false;
        }
        Object v = chosen.get(parameter);
        CategoricalDistribution asChoices = new CategoricalDistribution(values);
        return asChoices.indexOf(v) >= 0;
    }
}
