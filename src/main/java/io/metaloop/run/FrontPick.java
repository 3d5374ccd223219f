package io.metaloop.run;

import io.metaloop.objective.NetworkObjective;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A choice of one point of a Pareto front, as {@code metaloop export --pick max-params=N} asks
 * for it: among the front's trials with at most {@code maxParams} parameters, the best on the
 * study's first objective (ties: fewer parameters, then the earlier trial). The parameter count
 * is the trial's user attribute {@value NetworkObjective#PARAMS_ATTR}, which every trial of a
 * {@code network} objective has.
 *
 * @param maxParams the largest parameter count allowed, at least 1
 */
public record FrontPick(long maxParams) {

    /** How a pick is written. */
    public static final String SYNTAX = "max-params=N (or params<=N), N a whole number of parameters";

    private static final Pattern FORM = Pattern.compile("\\s*(?:max-params\\s*=|params\\s*<=)\\s*([0-9][0-9_,]*)\\s*");

    public FrontPick {
        if (maxParams < 1) {
            throw new IllegalArgumentException("--pick: the parameter limit must be at least 1, got " + maxParams);
        }
    }

    /** Reads {@code max-params=N} or {@code params<=N} (N may be written 5000, 5_000 or 5,000). */
    public static FrontPick parse(String text) {
        Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--pick: expected " + SYNTAX + ", e.g. --pick max-params=5000; got '" + text + "'");
        }
        try {
            return new FrontPick(Long.parseLong(m.group(1).replace("_", "").replace(",", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--pick: '" + m.group(1) + "' is not a whole number of parameters", e);
        }
    }

    /**
     * The chosen trial of {@code front}, the Pareto front of study {@code study} with
     * {@code directions}.
     *
     * @throws IllegalArgumentException when the study has one direction, a trial of the front has
     *                                  no parameter count, or no trial of the front is small enough
     */
    public FrozenTrial choose(String study, List<Direction> directions, List<FrozenTrial> front) {
        requireFront(study, directions);
        for (FrozenTrial t : front) {
            if (!(t.userAttrs().get(NetworkObjective.PARAMS_ATTR) instanceof Number)) {
                throw new IllegalArgumentException("--pick " + SYNTAX + ": trial " + t.number() + " of study '" + study
                        + "' has no parameter count (user attribute " + NetworkObjective.PARAMS_ATTR
                        + "; network objectives record it)");
            }
        }
        Direction first = directions.get(0);
        Comparator<FrozenTrial> better = Comparator.comparingDouble((FrozenTrial t) -> first.toMinimization(t.values().get(0)))
                .thenComparingLong(FrontPick::params).thenComparingInt(FrozenTrial::number);
        return front.stream().filter(t -> params(t) <= maxParams).min(better).orElseThrow(() -> {
            FrozenTrial smallest = front.stream().min(Comparator.comparingLong(FrontPick::params)
                    .thenComparingInt(FrozenTrial::number)).orElseThrow();
            return new IllegalArgumentException("no trial of the Pareto front of study '" + study + "' (" + front.size()
                    + " trials) has at most " + maxParams + " parameters; the smallest, trial " + smallest.number()
                    + ", has " + params(smallest));
        });
    }

    /**
     * Fails unless study {@code study} has several directions, so that it has a Pareto front to
     * pick from.
     */
    public static void requireFront(String study, List<Direction> directions) {
        if (directions.size() < 2) {
            throw new IllegalArgumentException("--pick chooses a point of a Pareto front, but study '" + study
                    + "' has one direction; export without --pick writes its best trial");
        }
    }

    private static long params(FrozenTrial t) {
        return ((Number) t.userAttrs().get(NetworkObjective.PARAMS_ATTR)).longValue();
    }
}
