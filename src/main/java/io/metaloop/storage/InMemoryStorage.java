package io.metaloop.storage;

import io.metaloop.space.Distribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyRecord;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A storage that lives as long as its process: for tests, quick experiments and benchmarks.
 * One lock guards everything, which is plenty for threads of one process.
 */
public final class InMemoryStorage implements Storage {

    private final Map<Long, StudyData> studies = new LinkedHashMap<>();
    private final Map<Long, MutableTrial> trials = new HashMap<>();
    private long nextStudyId = 1;
    private long nextTrialId = 1;

    private static final class StudyData {
        final StudyRecord record;
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        final List<MutableTrial> trials = new ArrayList<>();
        /** The WAITING trials by number, so that starting a trial does not look at every trial. */
        final java.util.TreeMap<Integer, MutableTrial> waiting = new java.util.TreeMap<>();
        int counted;

        StudyData(StudyRecord record) {
            this.record = record;
        }
    }

    private static final class MutableTrial {
        final long id;
        final long studyId;
        int number;
        TrialState state;
        List<Double> values = List.of();
        LocalDateTime start;
        LocalDateTime complete;
        LocalDateTime heartbeat;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();

        MutableTrial(long id, long studyId, int number, TrialState state) {
            this.id = id;
            this.studyId = studyId;
            this.number = number;
            this.state = state;
        }

        FrozenTrial freeze() {
            return new FrozenTrial(id, number, state, values, start, complete, params, distributions,
                    userAttrs, systemAttrs, intermediate);
        }
    }

    @Override
    public synchronized StudyRecord createStudy(String name, List<Direction> directions) {
        if (findStudy(name).isPresent()) {
            throw new StorageException("a study named '" + name + "' already exists");
        }
        StudyRecord record = new StudyRecord(nextStudyId++, name, directions);
        studies.put(record.id(), new StudyData(record));
        return record;
    }

    @Override
    public synchronized Optional<StudyRecord> findStudy(String name) {
        return studies.values().stream().map(s -> s.record).filter(r -> r.name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<StudyRecord> listStudies() {
        return studies.values().stream().map(s -> s.record).toList();
    }

    @Override
    public synchronized void deleteStudy(long studyId) {
        StudyData s = study(studyId);
        s.trials.forEach(t -> trials.remove(t.id));
        studies.remove(studyId);
    }

    @Override
    public synchronized void setStudyUserAttr(long studyId, String key, Object value) {
        study(studyId).userAttrs.put(key, value);
    }

    @Override
    public synchronized void setStudySystemAttr(long studyId, String key, Object value) {
        study(studyId).systemAttrs.put(key, value);
    }

    @Override
    public synchronized Map<String, Object> studyUserAttrs(long studyId) {
        return new LinkedHashMap<>(study(studyId).userAttrs);
    }

    @Override
    public synchronized Map<String, Object> studySystemAttrs(long studyId) {
        return new LinkedHashMap<>(study(studyId).systemAttrs);
    }

    @Override
    public synchronized Optional<FrozenTrial> startTrial(long studyId, int budget, Map<String, Object> systemAttrs) {
        StudyData s = study(studyId);
        if (s.counted >= budget) {
            return Optional.empty();
        }
        Map.Entry<Integer, MutableTrial> first = s.waiting.pollFirstEntry();
        MutableTrial t = first != null ? first.getValue() : newTrial(s, TrialState.RUNNING);
        t.state = TrialState.RUNNING;
        t.start = LocalDateTime.now();
        t.systemAttrs.putAll(systemAttrs);
        s.counted++;
        return Optional.of(t.freeze());
    }

    @Override
    public synchronized FrozenTrial enqueueTrial(long studyId, Map<String, Object> systemAttrs) {
        StudyData s = study(studyId);
        MutableTrial t = newTrial(s, TrialState.WAITING);
        s.waiting.put(t.number, t);
        t.systemAttrs.putAll(systemAttrs);
        return t.freeze();
    }

    private MutableTrial newTrial(StudyData s, TrialState state) {
        MutableTrial t = new MutableTrial(nextTrialId++, s.record.id(), s.trials.size(), state);
        s.trials.add(t);
        trials.put(t.id, t);
        return t;
    }

    @Override
    public synchronized void setParams(long trialId, Map<String, Distribution> distributions, Map<String, Object> values) {
        MutableTrial t = running(trialId);
        t.distributions.putAll(distributions);
        t.params.putAll(values);
    }

    @Override
    public synchronized void setIntermediateValue(long trialId, int step, double value) {
        running(trialId).intermediate.put(step, value);
    }

    @Override
    public synchronized void setTrialUserAttr(long trialId, String key, Object value) {
        trial(trialId).userAttrs.put(key, value);
    }

    @Override
    public synchronized void setTrialSystemAttr(long trialId, String key, Object value) {
        trial(trialId).systemAttrs.put(key, value);
    }

    @Override
    public synchronized boolean finishTrial(long trialId, TrialState state, List<Double> values,
                                           Map<String, Object> systemAttrs, LocalDateTime completedAt) {
        MutableTrial t = trial(trialId);
        if (t.state != TrialState.RUNNING) {
            return false;
        }
        boolean wasCounted = t.freeze().countsTowardsBudget();
        t.state = state;
        t.values = values == null ? List.of() : List.copyOf(values);
        t.complete = completedAt;
        t.systemAttrs.putAll(systemAttrs);
        if (wasCounted && !t.freeze().countsTowardsBudget()) {
            studies.get(t.studyId).counted--;
        }
        return true;
    }

    @Override
    public synchronized boolean requeueTrial(long trialId, Map<String, Object> systemAttrs) {
        MutableTrial t = trial(trialId);
        if (t.state != TrialState.RUNNING) {
            return false;
        }
        t.state = TrialState.WAITING;
        studies.get(t.studyId).waiting.put(t.number, t);
        t.start = null;
        t.heartbeat = null;
        t.values = List.of();
        t.intermediate.clear();
        t.params.clear();
        t.distributions.clear();
        t.userAttrs.clear();
        t.systemAttrs.keySet().removeIf(k -> !k.equals(SystemAttrs.FIXED_PARAMS));
        t.systemAttrs.putAll(systemAttrs);
        studies.get(t.studyId).counted--;
        return true;
    }

    @Override
    public synchronized void heartbeat(Collection<Long> trialIds) {
        LocalDateTime now = LocalDateTime.now();
        for (long id : trialIds) {
            MutableTrial t = trials.get(id);
            if (t != null && t.state == TrialState.RUNNING) {
                t.heartbeat = now;
            }
        }
    }

    @Override
    public synchronized Map<Long, LocalDateTime> heartbeats(long studyId) {
        Map<Long, LocalDateTime> out = new LinkedHashMap<>();
        for (MutableTrial t : study(studyId).trials) {
            if (t.state == TrialState.RUNNING && t.heartbeat != null) {
                out.put(t.id, t.heartbeat);
            }
        }
        return out;
    }

    @Override
    public synchronized List<FrozenTrial> trialsChangedSince(long studyId, long afterTrialId, Collection<Long> unfinishedIds) {
        // only the unfinished trials and those after the mark: the others cannot have changed
        List<MutableTrial> study = study(studyId).trials;
        List<Long> unfinished = new ArrayList<>(unfinishedIds);
        java.util.Collections.sort(unfinished);
        List<FrozenTrial> out = new ArrayList<>();
        for (long id : unfinished) {
            MutableTrial t = trials.get(id);
            if (t != null && t.studyId == studyId && id <= afterTrialId) {
                out.add(t.freeze());
            }
        }
        int from = study.size();
        while (from > 0 && study.get(from - 1).id > afterTrialId) {
            from--;
        }
        for (MutableTrial t : study.subList(from, study.size())) {
            out.add(t.freeze());
        }
        return out;
    }

    @Override
    public void close() {
        // nothing to release
    }

    private StudyData study(long id) {
        StudyData s = studies.get(id);
        if (s == null) {
            throw new StorageException("no study with id " + id);
        }
        return s;
    }

    private MutableTrial trial(long id) {
        MutableTrial t = trials.get(id);
        if (t == null) {
            throw new StorageException("no trial with id " + id);
        }
        return t;
    }

    private MutableTrial running(long id) {
        MutableTrial t = trial(id);
        if (t.state != TrialState.RUNNING) {
            throw new StorageException("trial " + t.number + " is not running (" + t.state + ")");
        }
        return t;
    }
}
