package io.metaloop.space;

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
        values = List.copyOf(values);
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
