package io.metaloop.study;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How long a study has run, derived from its trials alone so that every process agrees without
 * a shared counter: the union of the trials' running intervals, with gaps shorter than
 * {@link #GAP} (sampling and bookkeeping between trials) counted as running too.
 */
public final class StudyClock {

    /** Pauses up to this long between trials count as the study running. */
    public static final Duration GAP = Duration.ofSeconds(10);

    private StudyClock() {
    }

    /** The running time of a study with these trials, as of {@code now}. */
    public static Duration timeUsed(List<FrozenTrial> trials, LocalDateTime now) {
        List<LocalDateTime[]> intervals = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.datetimeStart() == null) {
                continue;
            }
            LocalDateTime end = t.datetimeComplete() != null ? t.datetimeComplete()
                    : t.state() == TrialState.RUNNING ? now : t.datetimeStart();
            intervals.add(new LocalDateTime[] {t.datetimeStart(), end.isBefore(t.datetimeStart()) ? t.datetimeStart() : end});
        }
        intervals.sort(Comparator.comparing(i -> i[0]));
        Duration total = Duration.ZERO;
        LocalDateTime curStart = null;
        LocalDateTime curEnd = null;
        for (LocalDateTime[] i : intervals) {
            if (curEnd != null && !i[0].isAfter(curEnd.plus(GAP))) {
                if (i[1].isAfter(curEnd)) {
                    curEnd = i[1];
                }
                continue;
            }
            if (curEnd != null) {
                total = total.plus(Duration.between(curStart, curEnd));
            }
            curStart = i[0];
            curEnd = i[1];
        }
        if (curEnd != null) {
            total = total.plus(Duration.between(curStart, curEnd));
        }
        return total;
    }
}
