package io.metaloop.space;

/** Anything that can produce a value for a named parameter — in practice a running trial. */
@FunctionalInterface
public interface ParamSuggester {

    /** Returns the external value chosen for {@code name} from {@code distribution}. */
    Object suggest(String name, Distribution distribution);
}
