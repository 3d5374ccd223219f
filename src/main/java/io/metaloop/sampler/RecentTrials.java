package io.metaloop.sampler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a process remembers of its own running trials — the steps or values a sampler proposed
 * before they can be read back from storage — by trial id. Only running trials are looked up, so
 * a bound that drops the oldest entries loses nothing that matters.
 */
final class RecentTrials {

    /** The most trials remembered. */
    static final int CAPACITY = 4096;

    private RecentTrials() {
    }

    /** A new, empty map by trial id that forgets its oldest entries beyond {@value #CAPACITY}; not synchronised. */
    static <V> Map<Long, V> map() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > CAPACITY;
            }
        };
    }
}
