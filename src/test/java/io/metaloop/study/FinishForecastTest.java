package io.metaloop.study;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The finish forecast against hand-computed paces: 1 s per 100 steps is 10 ms a step. */
class FinishForecastTest {

    private static final long MS = 1_000_000L;

    /** A forecast for a 1,600-step run with reports at steps 100 (t = 0) and 200 (t = 1 s). */
    private static FinishForecast tenMillisAStep(long start) {
        FinishForecast f = new FinishForecast();
        f.expectLastStep(1_600);
        f.reported(100, start);
        f.reported(200, start + 1_000 * MS);
        return f;
    }

    @Test
    void aTrialFinishesAtItsLatestPace() {
        // 1,400 steps left at 10 ms: the last step at t = 15 s
        long start = 5_000 * MS;
        assertTrue(tenMillisAStep(start).finishesAfter(start + 14_900 * MS));
        assertFalse(tenMillisAStep(start).finishesAfter(start + 15_100 * MS));
    }

    @Test
    void nanoTimeMayWrap() {
        long start = Long.MAX_VALUE - 500 * MS;
        assertTrue(tenMillisAStep(start).finishesAfter(start + 14_900 * MS));
        assertFalse(tenMillisAStep(start).finishesAfter(start + 15_100 * MS));
    }

    @Test
    void theLatestStretchSetsThePace() {
        FinishForecast f = tenMillisAStep(0);
        // then 100 steps in 0.1 s: 1 ms a step, 1,300 left: the last step at t = 1.1 + 1.3 = 2.4 s
        f.reported(300, 1_100 * MS);
        assertTrue(f.finishesAfter(2_300 * MS));
        assertFalse(f.finishesAfter(2_500 * MS));
    }

    @Test
    void noForecastFromOneReportAShortStretchOrAnUnknownEnd() {
        FinishForecast one = new FinishForecast();
        one.expectLastStep(1_600);
        one.reported(100, 0);
        assertFalse(one.finishesAfter(1), "one report has no pace");

        FinishForecast shortStretch = new FinishForecast();
        shortStretch.expectLastStep(1_600);
        shortStretch.reported(100, 0);
        shortStretch.reported(199, 1_000 * MS); // 99 steps < 1,600 / 16
        assertFalse(shortStretch.finishesAfter(1));

        FinishForecast unknown = new FinishForecast();
        unknown.reported(100, 0);
        unknown.reported(200, 1_000 * MS);
        assertFalse(unknown.finishesAfter(1), "no last step expected");
    }

    @Test
    void aTrialAtItsLastStepHasFinished() {
        FinishForecast f = tenMillisAStep(0);
        f.reported(1_600, 15_000 * MS);
        assertFalse(f.finishesAfter(15_000 * MS));
    }

    @Test
    void anOlderStepDoesNotChangeThePace() {
        FinishForecast f = tenMillisAStep(0);
        f.reported(150, 2_000 * MS);
        assertTrue(f.finishesAfter(14_900 * MS));
        assertFalse(f.finishesAfter(15_100 * MS));
    }

    @Test
    void aWorkPaceForecastsFromTheFirstReport() {
        FinishForecast f = new FinishForecast();
        f.expectLastStep(1_600);
        f.reported(100, 0);
        // 1,500 steps left at 4 ms of work each: at least 6 s more
        f.workPace(4 * MS);
        assertTrue(f.finishesAfter(5_900 * MS));
        assertFalse(f.finishesAfter(6_100 * MS));
    }

    @Test
    void eitherPaceStopsATrial() {
        // the reports' pace: the last step at t = 15 s (aTrialFinishesAtItsLatestPace)
        FinishForecast slowReports = tenMillisAStep(0);
        slowReports.workPace(1 * MS); // work alone: 1,400 ms more, to t = 2.4 s
        assertTrue(slowReports.finishesAfter(14_900 * MS), "the reports' pace says t = 15 s");
        assertFalse(slowReports.finishesAfter(15_100 * MS));

        FinishForecast slowWork = tenMillisAStep(0);
        slowWork.workPace(20 * MS); // 1,400 steps of 20 ms: t = 1 + 28 = 29 s
        assertTrue(slowWork.finishesAfter(28_900 * MS));
        assertFalse(slowWork.finishesAfter(29_100 * MS));
    }

    @Test
    void noWorkPaceForecastBeforeAReportOrWithoutAPace() {
        FinishForecast noReport = new FinishForecast();
        noReport.expectLastStep(1_600);
        noReport.workPace(1_000 * MS);
        assertFalse(noReport.finishesAfter(1), "no report yet: no time to count from");

        FinishForecast unknownPace = new FinishForecast();
        unknownPace.expectLastStep(1_600);
        unknownPace.reported(100, 0);
        unknownPace.workPace(0);
        assertFalse(unknownPace.finishesAfter(1));
    }
}
