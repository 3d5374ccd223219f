package io.metaloop.sampler;

import io.metaloop.sampler.GenerationLedger.Member;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link GenerationReplay} derived from finished generations on earlier asks: per
 * generation, the trials and genotypes it saw and the population it made, and the
 * identities ({@link Breeder#identity}) of every genotype so far. Finished trials never change,
 * so a generation that looks the same as when it was cached gives the same population; the cache
 * only saves the ranking and the identities, and a process that starts afresh computes the same. A
 * generation that differs in any way (a trial, an outcome, a genotype) is recomputed together
 * with everything after it. Not synchronised: the sampler calls it under its lock.
 */
final class GenerationCache {

    /** One finished generation as used: its members, all its genotypes, its population, and their identities. */
    private record Finished(List<Member> members, List<double[]> genotypes, List<Member> population,
                            List<Map<String, Object>> identities) {
    }

    private Object key;
    private final List<Finished> generations = new ArrayList<>();
    private final Set<Map<String, Object>> seen = new HashSet<>();

    /** Starts over unless the cache was filled for the same search ({@code key}: space, sizes, directions). */
    void use(Object key) {
        if (!Objects.equals(this.key, key)) {
            this.key = key;
            truncate(0);
        }
    }

    /** Whether generation {@code g} is cached with exactly these members and genotypes (in this order). */
    boolean matches(int g, List<Member> members, List<double[]> genotypes) {
        if (g >= generations.size()) {
            return false;
        }
        Finished f = generations.get(g);
        if (f.members().size() != members.size() || f.genotypes().size() != genotypes.size()) {
            return false;
        }
        for (int k = 0; k < members.size(); k++) {
            if (!same(f.members().get(k), members.get(k))) {
                return false;
            }
        }
        for (int k = 0; k < genotypes.size(); k++) {
            if (!Arrays.equals(genotypes.get(k), f.genotypes().get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Member a, Member b) {
        return a.trial().id() == b.trial().id() && a.trial().number() == b.trial().number()
                && a.trial().state() == b.trial().state() && a.trial().values().equals(b.trial().values())
                && a.trial().intermediateValues().equals(b.trial().intermediateValues()) && Arrays.equals(a.x(), b.x());
    }

    /** The population generation {@code g} made (cached). */
    List<Member> population(int g) {
        return generations.get(g).population();
    }

    /** Forgets generations {@code g} and later. */
    void truncate(int g) {
        if (g >= generations.size()) {
            return;
        }
        generations.subList(g, generations.size()).clear();
        seen.clear();
        for (Finished f : generations) {
            seen.addAll(f.identities());
        }
    }

    /** Caches the next generation (it must be generation {@link #size()}). */
    void add(List<Member> members, List<double[]> genotypes, List<Member> population,
             List<Map<String, Object>> identities) {
        generations.add(new Finished(List.copyOf(members), List.copyOf(genotypes), List.copyOf(population),
                List.copyOf(identities)));
        seen.addAll(identities);
    }

    /** How many generations are cached. */
    int size() {
        return generations.size();
    }

    /** The identities of every genotype of the cached generations. */
    Set<Map<String, Object>> seen() {
        return Collections.unmodifiableSet(seen);
    }
}
