package io.metaloop.storage;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyRecord;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link Storage} must do, run against each implementation: the in-memory reference
 * and the JDBC storage on SQLite behave the same.
 */
abstract class StorageContractTest {

    protected Storage storage;

    /** A fresh, empty storage. */
    protected abstract Storage newStorage() throws Exception;

    @BeforeEach
    void open() throws Exception {
        storage = newStorage();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static final Map<String, Object> NO_ATTRS = Map.of();

    protected StudyRecord study(String name) {
        return storage.createStudy(name, List.of(Direction.MINIMIZE));
    }

    protected FrozenTrial start(StudyRecord s) {
        return storage.startTrial(s.id(), Integer.MAX_VALUE, NO_ATTRS).orElseThrow();
    }

    protected void complete(FrozenTrial t, double value) {
        assertTrue(storage.finishTrial(t.id(), TrialState.COMPLETE, List.of(value), NO_ATTRS, LocalDateTime.now()));
    }

    @Test
    void createsFindsListsAndDeletesStudies() {
        StudyRecord a = storage.createStudy("a", List.of(Direction.MINIMIZE));
        StudyRecord b = storage.createStudy("b", List.of(Direction.MAXIMIZE, Direction.MINIMIZE));
        assertEquals(Optional.of(a), storage.findStudy("a"));
        assertEquals(List.of(Direction.MAXIMIZE, Direction.MINIMIZE), storage.findStudy("b").orElseThrow().directions());
        assertEquals(Optional.empty(), storage.findStudy("c"));
        assertEquals(List.of(a, b), storage.listStudies());

        FrozenTrial t = start(a);
        storage.setParams(t.id(), Map.of("x", FloatDistribution.of(0, 1)), Map.of("x", 0.5));
        storage.setIntermediateValue(t.id(), 0, 1.0);
        storage.setTrialUserAttr(t.id(), "u", 1);
        storage.setStudyUserAttr(a.id(), "k", "v");
        complete(t, 1.0);
        FrozenTrial keep = start(b);

        storage.deleteStudy(a.id());
        assertEquals(Optional.empty(), storage.findStudy("a"));
        assertEquals(List.of(b), storage.listStudies());
        assertThrows(StorageException.class, () -> storage.trials(a.id()));
        assertThrows(StorageException.class, () -> storage.setTrialUserAttr(t.id(), "u", 2));
        assertEquals(List.of(keep.id()), storage.trials(b.id()).stream().map(FrozenTrial::id).toList());
        // the name is free again
        StudyRecord again = storage.createStudy("a", List.of(Direction.MINIMIZE));
        assertEquals(List.of(), storage.trials(again.id()));
        assertEquals(Map.of(), storage.studyUserAttrs(again.id()));
    }

    @Test
    void refusesDuplicateStudyName() {
        study("dup");
        StorageException e = assertThrows(StorageException.class, () -> study("dup"));
        assertTrue(e.getMessage().contains("dup"), e.getMessage());
        assertEquals(1, storage.listStudies().size());
    }

    @Test
    void unknownStudyOrTrialIsAnError() {
        assertThrows(StorageException.class, () -> storage.startTrial(999, 10, NO_ATTRS));
        assertThrows(StorageException.class, () -> storage.trials(999));
        assertThrows(StorageException.class, () -> storage.studyUserAttrs(999));
        assertThrows(StorageException.class, () -> storage.setStudyUserAttr(999, "k", 1));
        assertThrows(StorageException.class, () -> storage.deleteStudy(999));
        assertThrows(StorageException.class, () -> storage.setTrialUserAttr(999, "k", 1));
        assertThrows(StorageException.class, () -> storage.setIntermediateValue(999, 0, 1));
        assertThrows(StorageException.class,
                () -> storage.finishTrial(999, TrialState.COMPLETE, List.of(1.0), NO_ATTRS, LocalDateTime.now()));
    }

    @Test
    void numbersAreDenseAndDistinctUnderConcurrency() throws Exception {
        StudyRecord s = study("dense");
        StudyRecord other = study("other");
        int threads = 4;
        int perThread = 150;
        List<Callable<List<Integer>>> jobs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int worker = i;
            jobs.add(() -> {
                List<Integer> numbers = new ArrayList<>();
                for (int k = 0; k < perThread; k++) {
                    FrozenTrial t = start(s);
                    numbers.add(t.number());
                    if (k % 10 == 0) {
                        start(other); // another study's trials interleave in the same tables
                    }
                    storage.setParams(t.id(), Map.of("x", FloatDistribution.of(0, 1)), Map.of("x", worker / 4.0));
                    complete(t, k);
                }
                return numbers;
            });
        }
        List<Integer> all = runAll(jobs).stream().flatMap(List::stream).sorted().toList();
        assertEquals(IntStream.range(0, threads * perThread).boxed().toList(), all);
        List<FrozenTrial> stored = storage.trials(s.id());
        assertEquals(all, stored.stream().map(FrozenTrial::number).toList());
        assertTrue(stored.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        assertEquals(IntStream.range(0, threads * ((perThread + 9) / 10)).boxed().toList(),
                storage.trials(other.id()).stream().map(FrozenTrial::number).toList());
    }

    @Test
    void budgetIsExactUnderConcurrency() throws Exception {
        StudyRecord s = study("budget");
        int budget = 37;
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(() -> {
                int started = 0;
                for (Optional<FrozenTrial> t; (t = storage.startTrial(s.id(), budget, NO_ATTRS)).isPresent(); ) {
                    started++;
                    // plain failures use up the budget like completions
                    TrialState end = started % 3 == 0 ? TrialState.FAIL : TrialState.COMPLETE;
                    storage.finishTrial(t.get().id(), end, end == TrialState.FAIL ? List.of() : List.of(1.0),
                            NO_ATTRS, LocalDateTime.now());
                }
                return started;
            });
        }
        assertEquals(budget, runAll(jobs).stream().mapToInt(Integer::intValue).sum());
        assertEquals(budget, storage.trials(s.id()).size());
        assertEquals(Optional.empty(), storage.startTrial(s.id(), budget, NO_ATTRS));
        assertTrue(storage.startTrial(s.id(), budget + 1, NO_ATTRS).isPresent());
    }

    @Test
    void budgetExemptFailuresDoNotCount() {
        StudyRecord s = study("exempt");
        FrozenTrial a = storage.startTrial(s.id(), 3, NO_ATTRS).orElseThrow();
        FrozenTrial b = storage.startTrial(s.id(), 3, NO_ATTRS).orElseThrow();
        FrozenTrial c = storage.startTrial(s.id(), 3, NO_ATTRS).orElseThrow();
        assertEquals(Optional.empty(), storage.startTrial(s.id(), 3, NO_ATTRS));
        storage.finishTrial(a.id(), TrialState.FAIL, List.of(), Map.of(SystemAttrs.FAIL_REASON, "boom"),
                LocalDateTime.now());
        assertEquals(Optional.empty(), storage.startTrial(s.id(), 3, NO_ATTRS), "a plain failure counts");
        storage.finishTrial(b.id(), TrialState.FAIL, List.of(), Map.of(SystemAttrs.FAIL_REASON,
                SystemAttrs.REASON_INTERRUPTED, SystemAttrs.BUDGET_EXEMPT, true), LocalDateTime.now());
        FrozenTrial d = storage.startTrial(s.id(), 3, NO_ATTRS).orElseThrow();
        assertEquals(3, d.number());
        assertEquals(Optional.empty(), storage.startTrial(s.id(), 3, NO_ATTRS));
        assertEquals(Boolean.TRUE, storage.trials(s.id()).get(1).systemAttrs().get(SystemAttrs.BUDGET_EXEMPT));
        assertFalse(storage.trials(s.id()).get(1).countsTowardsBudget());
        assertEquals(List.of(a.id(), b.id(), c.id(), d.id()), storage.trials(s.id()).stream().map(FrozenTrial::id).toList());
    }

    @Test
    void enqueuedTrialIsTakenFirstWithItsFixedParams() {
        StudyRecord s = study("enqueue");
        complete(start(s), 1.0);
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("x", 1.5);
        fixed.put("act", "relu");
        fixed.put("none", null);
        FrozenTrial waiting = storage.enqueueTrial(s.id(), Map.of(SystemAttrs.FIXED_PARAMS, fixed));
        assertEquals(TrialState.WAITING, waiting.state());
        assertEquals(1, waiting.number());
        assertNull(waiting.datetimeStart());
        FrozenTrial storedWaiting = storage.trials(s.id()).get(1);
        assertEquals(TrialState.WAITING, storedWaiting.state());
        assertEquals(fixed, storedWaiting.systemAttrs().get(SystemAttrs.FIXED_PARAMS));

        // a WAITING trial does not use up the budget: with budget 2 it can still be taken
        Map<String, Object> owner = Map.of(SystemAttrs.OWNER, Map.of("host", "h", "pid", 7));
        FrozenTrial taken = storage.startTrial(s.id(), 2, owner).orElseThrow();
        assertEquals(waiting.id(), taken.id());
        assertEquals(1, taken.number());
        assertEquals(TrialState.RUNNING, taken.state());
        assertNotNull(taken.datetimeStart());
        assertEquals(fixed, taken.systemAttrs().get(SystemAttrs.FIXED_PARAMS));
        assertEquals(Map.of("host", "h", "pid", 7), taken.systemAttrs().get(SystemAttrs.OWNER));
        assertEquals(Optional.empty(), storage.startTrial(s.id(), 2, NO_ATTRS));

        FrozenTrial next = start(s);
        assertEquals(2, next.number());
        assertTrue(next.systemAttrs().isEmpty());
    }

    @Test
    void oldestWaitingTrialComesFirst() {
        StudyRecord s = study("fifo");
        FrozenTrial w1 = storage.enqueueTrial(s.id(), Map.of(SystemAttrs.FIXED_PARAMS, Map.of("x", 1)));
        FrozenTrial w2 = storage.enqueueTrial(s.id(), Map.of(SystemAttrs.FIXED_PARAMS, Map.of("x", 2)));
        assertEquals(w1.id(), start(s).id());
        assertEquals(w2.id(), start(s).id());
        assertEquals(2, start(s).number());
    }

    @Test
    void finishTrialIsCompareAndSet() {
        StudyRecord s = study("cas");
        FrozenTrial t = start(s);
        LocalDateTime done = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123456000);
        assertTrue(storage.finishTrial(t.id(), TrialState.COMPLETE, List.of(2.5), Map.of("k", "first"), done));
        assertFalse(storage.finishTrial(t.id(), TrialState.FAIL, List.of(), Map.of("k", "second"), LocalDateTime.now()));
        FrozenTrial stored = storage.trials(s.id()).get(0);
        assertEquals(TrialState.COMPLETE, stored.state());
        assertEquals(List.of(2.5), stored.values());
        assertEquals("first", stored.systemAttrs().get("k"));
        assertEquals(done, stored.datetimeComplete());
        assertTrue(stored.datetimeStart().isAfter(LocalDateTime.now().minusMinutes(5)));
        StorageException e = assertThrows(StorageException.class,
                () -> storage.setParams(t.id(), Map.of("x", FloatDistribution.of(0, 1)), Map.of("x", 0.5)));
        assertTrue(e.getMessage().contains("not running (COMPLETE)"), e.getMessage());
        assertThrows(StorageException.class, () -> storage.setIntermediateValue(t.id(), 1, 1.0));
    }

    @Test
    void requeuedTrialIsWaitingAsIfNeverStartedAndIsTakenFirstUnderItsNumber() {
        StudyRecord s = study("requeue");
        FrozenTrial a = storage.startTrial(s.id(), 2, Map.of(SystemAttrs.OWNER, "someone")).orElseThrow();
        storage.setTrialSystemAttr(a.id(), SystemAttrs.FIXED_PARAMS, Map.of("x", 0.25));
        storage.setParams(a.id(), Map.of("x", FloatDistribution.of(0, 1)), Map.of("x", 0.25));
        storage.setIntermediateValue(a.id(), 0, 1.5);
        storage.setTrialUserAttr(a.id(), "u", 1);
        storage.heartbeat(List.of(a.id()));
        FrozenTrial b = storage.startTrial(s.id(), 2, NO_ATTRS).orElseThrow();
        assertEquals(Optional.empty(), storage.startTrial(s.id(), 2, NO_ATTRS), "two running trials use the budget");

        assertTrue(storage.requeueTrial(a.id(), Map.of(SystemAttrs.PUT_BACK, 1)));
        assertFalse(storage.requeueTrial(a.id(), Map.of()), "only a RUNNING trial is put back");
        FrozenTrial waiting = storage.trials(s.id()).get(0);
        assertEquals(TrialState.WAITING, waiting.state());
        assertNull(waiting.datetimeStart());
        assertEquals(Map.of(), waiting.params());
        assertTrue(waiting.intermediateValues().isEmpty());
        assertEquals(Map.of(), waiting.userAttrs());
        assertEquals(Map.of(SystemAttrs.FIXED_PARAMS, Map.of("x", 0.25), SystemAttrs.PUT_BACK, 1), waiting.systemAttrs());
        assertFalse(storage.heartbeats(s.id()).containsKey(a.id()));
        assertThrows(StorageException.class, () -> storage.setIntermediateValue(a.id(), 1, 1.0), "a waiting trial takes no run data");

        FrozenTrial again = storage.startTrial(s.id(), 2, NO_ATTRS).orElseThrow();
        assertEquals(a.id(), again.id());
        assertEquals(0, again.number());
        assertEquals(Optional.empty(), storage.startTrial(s.id(), 2, NO_ATTRS));
        assertEquals(2, storage.trials(s.id()).size());
        assertTrue(storage.finishTrial(b.id(), TrialState.COMPLETE, List.of(1.0), Map.of(), LocalDateTime.now()));
    }

    @Test
    void waitingTrialCannotBeFinished() {
        StudyRecord s = study("waiting-cas");
        FrozenTrial w = storage.enqueueTrial(s.id(), NO_ATTRS);
        assertFalse(storage.finishTrial(w.id(), TrialState.COMPLETE, List.of(1.0), NO_ATTRS, LocalDateTime.now()));
        assertEquals(TrialState.WAITING, storage.trials(s.id()).get(0).state());
    }

    @Test
    void intermediateValuesRoundTripIncludingNanAndInfinities() {
        StudyRecord s = study("intermediate");
        FrozenTrial t = start(s);
        storage.setIntermediateValue(t.id(), 0, Double.NaN);
        storage.setIntermediateValue(t.id(), 1, Double.POSITIVE_INFINITY);
        storage.setIntermediateValue(t.id(), 2, Double.NEGATIVE_INFINITY);
        storage.setIntermediateValue(t.id(), 5, 0.1);
        storage.setIntermediateValue(t.id(), 3, 7.0);
        storage.setIntermediateValue(t.id(), 3, -1e-300); // a second report replaces the first
        Map<Integer, Double> expected = new LinkedHashMap<>();
        expected.put(0, Double.NaN);
        expected.put(1, Double.POSITIVE_INFINITY);
        expected.put(2, Double.NEGATIVE_INFINITY);
        expected.put(3, -1e-300);
        expected.put(5, 0.1);
        assertEquals(expected, storage.trials(s.id()).get(0).intermediateValues());
        assertEquals(List.of(0, 1, 2, 3, 5), List.copyOf(storage.trials(s.id()).get(0).intermediateValues().keySet()));
    }

    @Test
    void objectiveValuesRoundTripIncludingInfinities() {
        StudyRecord s = storage.createStudy("values", List.of(Direction.MINIMIZE, Direction.MAXIMIZE, Direction.MINIMIZE));
        FrozenTrial t = start(s);
        List<Double> values = List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.3333333333333333);
        assertTrue(storage.finishTrial(t.id(), TrialState.COMPLETE, values, NO_ATTRS, LocalDateTime.now()));
        assertEquals(values, storage.trials(s.id()).get(0).values());
    }

    @Test
    void paramsRoundTripInSuggestionOrder() {
        StudyRecord s = study("params");
        FrozenTrial t = start(s);
        Map<String, Distribution> d = new LinkedHashMap<>();
        Map<String, Object> v = new LinkedHashMap<>();
        d.put("z", FloatDistribution.of(-5, 5));
        v.put("z", -4.401156742676257);
        d.put("lr", FloatDistribution.log(1e-5, 1));
        v.put("lr", 8.402089997877698e-05);
        d.put("n", new IntDistribution(1, 10, false, 2));
        v.put("n", 7);
        d.put("c", new CategoricalDistribution(Arrays.asList("relu", "tanh", null, 1.5, 2, true)));
        v.put("c", null);
        d.put("q", FloatDistribution.stepped(0, 1, 0.25));
        v.put("q", 0.75);
        storage.setParams(t.id(), d, v);
        storage.setParams(t.id(), Map.of("b", new CategoricalDistribution(Arrays.asList(true, false))), Map.of("b", false));
        FrozenTrial stored = storage.trials(s.id()).get(0);
        Map<String, Object> expectedValues = new LinkedHashMap<>(v);
        expectedValues.put("b", false);
        assertEquals(expectedValues, stored.params());
        assertEquals(List.of("z", "lr", "n", "c", "q", "b"), List.copyOf(stored.params().keySet()));
        assertEquals(d.get("c"), stored.distributions().get("c"));
        assertEquals(new IntDistribution(1, 9, false, 2), stored.distributions().get("n"));
        assertEquals(d.get("lr"), stored.distributions().get("lr"));
        assertEquals(2.0, stored.internalParam("c"));
    }

    @Test
    void trialsChangedSinceReturnsExactlyNewAndPreviouslyUnfinishedTrials() {
        StudyRecord s = study("incremental");
        StudyRecord other = study("other");
        FrozenTrial done = start(s);
        complete(done, 1.0);
        FrozenTrial running = start(s);
        FrozenTrial waiting = storage.enqueueTrial(s.id(), NO_ATTRS);
        FrozenTrial stillRunning = start(s); // takes the WAITING one
        assertEquals(waiting.id(), stillRunning.id());
        FrozenTrial waiting2 = storage.enqueueTrial(s.id(), NO_ATTRS);

        List<FrozenTrial> first = storage.trialsChangedSince(s.id(), -1, List.of());
        assertEquals(List.of(done.id(), running.id(), waiting.id(), waiting2.id()), ids(first));
        long maxId = first.stream().mapToLong(FrozenTrial::id).max().orElseThrow();
        Set<Long> unfinished = first.stream().filter(t -> !t.state().isFinished()).map(FrozenTrial::id)
                .collect(Collectors.toSet());
        assertEquals(Set.of(running.id(), waiting.id(), waiting2.id()), unfinished);

        assertEquals(List.of(running.id(), waiting.id(), waiting2.id()),
                ids(storage.trialsChangedSince(s.id(), maxId, unfinished)));

        complete(running, 2.0);
        start(other);
        FrozenTrial fresh = start(s); // takes waiting2
        assertEquals(waiting2.id(), fresh.id());
        FrozenTrial newest = start(s);
        List<FrozenTrial> changed = storage.trialsChangedSince(s.id(), maxId, unfinished);
        assertEquals(List.of(running.id(), waiting.id(), waiting2.id(), newest.id()), ids(changed));
        assertEquals(TrialState.COMPLETE, changed.get(0).state());
        assertEquals(List.of(2.0), changed.get(0).values());
        assertEquals(TrialState.RUNNING, changed.get(2).state());
        assertEquals(4, changed.get(3).number());

        assertEquals(List.of(), storage.trialsChangedSince(s.id(), newest.id(), List.of()));
        assertEquals(List.of(done.id()), ids(storage.trialsChangedSince(s.id(), newest.id(), List.of(done.id()))));
        // ids of another study are not this study's trials
        long otherId = storage.trials(other.id()).get(0).id();
        assertEquals(List.of(), storage.trialsChangedSince(s.id(), newest.id(), List.of(otherId)));
    }

    private static List<Long> ids(List<FrozenTrial> trials) {
        return trials.stream().map(FrozenTrial::id).toList();
    }

    @Test
    void attributesRoundTripNestedJson() {
        StudyRecord s = study("attrs");
        FrozenTrial t = start(s);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", Arrays.asList(1, 2.5, null, "é ✓ \"quoted\"\n", true, List.of()));
        nested.put("map", Map.of("deep", Map.of("x", -0.1)));
        nested.put("big", 12345678901234L);
        nested.put("nan", Double.NaN);
        nested.put("inf", Double.NEGATIVE_INFINITY);
        nested.put("one", 1.0);
        nested.put("null", null);
        storage.setTrialUserAttr(t.id(), "nested", nested);
        storage.setTrialUserAttr(t.id(), "plain", "text");
        storage.setTrialUserAttr(t.id(), "plain", "replaced");
        storage.setTrialUserAttr(t.id(), "nothing", null);
        storage.setTrialSystemAttr(t.id(), "sys", List.of(Map.of("a", false)));
        storage.setStudyUserAttr(s.id(), "nested", nested);
        storage.setStudySystemAttr(s.id(), "spec", Map.of("sampler", "random"));
        storage.setStudySystemAttr(s.id(), "spec", Map.of("sampler", "tpe"));

        FrozenTrial stored = storage.trials(s.id()).get(0);
        assertEquals(nested, stored.userAttrs().get("nested"));
        assertEquals("replaced", stored.userAttrs().get("plain"));
        assertTrue(stored.userAttrs().containsKey("nothing"));
        assertNull(stored.userAttrs().get("nothing"));
        assertEquals(List.of(Map.of("a", false)), stored.systemAttrs().get("sys"));
        assertEquals(nested, storage.studyUserAttrs(s.id()).get("nested"));
        assertEquals(Map.of("spec", Map.of("sampler", "tpe")), storage.studySystemAttrs(s.id()));
    }

    @Test
    void finishingWithParametersStoresThemOnlyIfTheTrialWasRunning() {
        StudyRecord s = study("finish-params");
        FrozenTrial t = start(s);
        Map<String, Distribution> d = Map.of("x", FloatDistribution.of(0, 1), "act", CategoricalDistribution.of("a", "b"));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("x", 0.25);
        p.put("act", "b");
        assertTrue(storage.finishTrial(t.id(), d, p, TrialState.COMPLETE, List.of(2.0), NO_ATTRS, LocalDateTime.now()));
        FrozenTrial stored = storage.trials(s.id()).get(0);
        assertEquals(p, stored.params());
        assertEquals(List.of(2.0), stored.values());
        assertFalse(storage.finishTrial(t.id(), d, Map.of("x", 0.75), TrialState.FAIL, List.of(), NO_ATTRS,
                LocalDateTime.now()), "a finished trial is not finished again");
        assertEquals(0.25, storage.trials(s.id()).get(0).params().get("x"));
    }

    @Test
    void heartbeatsListRunningTrialsOnly() {
        StudyRecord s = study("beats");
        FrozenTrial a = start(s);
        FrozenTrial b = start(s);
        assertEquals(Map.of(), storage.heartbeats(s.id()), "a trial has no heartbeat before its first beat");
        storage.heartbeat(List.of(a.id(), b.id()));
        Map<Long, LocalDateTime> beats = storage.heartbeats(s.id());
        assertEquals(Set.of(a.id(), b.id()), beats.keySet());
        for (LocalDateTime beat : beats.values()) {
            Duration age = Duration.between(beat, LocalDateTime.now()).abs();
            assertTrue(age.compareTo(Duration.ofMinutes(1)) < 0, "heartbeat " + beat + " is not local now");
        }
        complete(a, 1.0);
        storage.heartbeat(List.of(a.id()));
        assertEquals(Set.of(b.id()), storage.heartbeats(s.id()).keySet());
    }

    /** Runs the jobs in parallel and returns their results in order. */
    protected static <T> List<T> runAll(List<Callable<T>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<T>> futures = pool.invokeAll(jobs);
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Distinct values, for duplicate checks. */
    protected static <T> Set<T> distinct(List<T> values) {
        return Collections.unmodifiableSet(new HashSet<>(values));
    }
}
