package io.metaloop.storage;

import io.metaloop.space.FloatDistribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyRecord;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storage contract on SQLite, plus what only a database file can show. */
class JdbcStorageSqliteTest extends StorageContractTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("study.db");
    }

    @Override
    protected Storage newStorage() {
        return JdbcStorage.sqlite(file());
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void newFileGetsOptunaVersionRows() throws Exception {
        assertEquals(1, count("SELECT COUNT(*) FROM version_info WHERE version_info_id = 1 AND schema_version = 12"
                + " AND library_version = '3.1.0'"));
        assertEquals(1, count("SELECT COUNT(*) FROM alembic_version WHERE version_num = 'v3.0.0.d'"));
        assertEquals(1, count("SELECT COUNT(*) FROM alembic_version"));
        assertEquals(3, count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_metaloop_%'"));
        assertEquals(13, count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
    }

    @Test
    void deletingAStudyRemovesEveryChildRow() throws Exception {
        StudyRecord a = study("a");
        StudyRecord b = study("b");
        for (StudyRecord s : List.of(a, b)) {
            FrozenTrial t = start(s);
            storage.heartbeat(List.of(t.id()));
            storage.setParams(t.id(), Map.of("x", FloatDistribution.of(0, 1)), Map.of("x", 0.5));
            storage.setIntermediateValue(t.id(), 0, 1.0);
            storage.setTrialUserAttr(t.id(), "u", 1);
            storage.setTrialSystemAttr(t.id(), "s", 1);
            storage.setStudyUserAttr(s.id(), "k", "v");
            storage.setStudySystemAttr(s.id(), "k", "v");
            complete(t, 1.0);
        }
        storage.deleteStudy(a.id());
        for (String table : List.of("trials", "trial_params", "trial_values", "trial_intermediate_values",
                "trial_user_attributes", "trial_heartbeats", "study_user_attributes", "study_system_attributes",
                "study_directions", "studies")) {
            assertEquals(1, count("SELECT COUNT(*) FROM " + table), table);
        }
        // b's trial keeps its system attribute; a's is gone
        assertEquals(1, count("SELECT COUNT(*) FROM trial_system_attributes"));
    }

    @Test
    void dataSurvivesReopening() {
        StudyRecord s = study("persist");
        complete(start(s), 3.5);
        storage.close();
        storage = JdbcStorage.sqlite(file());
        assertEquals(List.of(s), storage.listStudies());
        assertEquals(List.of(3.5), storage.trials(s.id()).get(0).values());
        assertEquals(1, start(s).number());
    }

    @Test
    void twoConnectionsToOneFileGetDistinctNumbers() throws Exception {
        StudyRecord s = study("shared");
        try (Storage second = JdbcStorage.sqlite(file())) {
            List<Callable<List<Integer>>> jobs = new ArrayList<>();
            for (Storage st : List.of(storage, second, storage, second)) {
                jobs.add(() -> {
                    List<Integer> numbers = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        FrozenTrial t = st.startTrial(s.id(), 300, Map.of()).orElse(null);
                        if (t == null) {
                            break;
                        }
                        numbers.add(t.number());
                        st.setParams(t.id(), Map.of("x", FloatDistribution.of(0, 1)), Map.of("x", 0.25));
                        st.finishTrial(t.id(), TrialState.COMPLETE, List.of(1.0), Map.of(), LocalDateTime.now());
                    }
                    return numbers;
                });
            }
            List<Integer> all = runAll(jobs).stream().flatMap(List::stream).sorted().toList();
            assertEquals(IntStream.range(0, 300).boxed().toList(), all);
            assertEquals(300, second.trials(s.id()).size());
        }
    }

    @Test
    void heartbeatsAreStoredInUtcAndReadAsLocalTime() throws Exception {
        TimeZone saved = TimeZone.getDefault();
        try {
            // far from UTC, so a missing conversion would be off by hours
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            StudyRecord s = study("tz");
            FrozenTrial t = start(s);
            storage.heartbeat(List.of(t.id()));
            LocalDateTime beat = storage.heartbeats(s.id()).get(t.id());
            assertTrue(Duration.between(beat, LocalDateTime.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
                    "heartbeat " + beat + " vs local now " + LocalDateTime.now());
            // Optuna compares heartbeats with the database's CURRENT_TIMESTAMP, which is UTC
            assertEquals(1, count("SELECT COUNT(*) FROM trial_heartbeats WHERE abs(strftime('%s', heartbeat)"
                    + " - strftime('%s', 'now')) < 60"));
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void storesDatetimesAsSqlalchemyDoes() throws Exception {
        StudyRecord s = study("times");
        FrozenTrial t = start(s);
        storage.finishTrial(t.id(), TrialState.COMPLETE, List.of(1.0), Map.of(),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertEquals(1, count("SELECT COUNT(*) FROM trials WHERE datetime_complete = '2024-01-02 03:04:05.000000'"));
        assertEquals(1, count("SELECT COUNT(*) FROM trials WHERE datetime_start GLOB"
                + " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]'"));
    }

    @Test
    void refusesAnUnknownSchemaRevision() throws Exception {
        storage.close();
        execute("UPDATE alembic_version SET version_num = 'v9.9.9.z'");
        StorageException e = assertThrows(StorageException.class, () -> JdbcStorage.sqlite(file()));
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("v9.9.9.z"), e.getMessage());
        assertTrue(e.getMessage().contains("v3.0.0.d"), e.getMessage());
        storage = new InMemoryStorage();
    }

    @Test
    void refusesAnOlderOptunaRevisionWithAnUpgradeHint() throws Exception {
        storage.close();
        execute("UPDATE alembic_version SET version_num = 'v3.0.0.c'");
        StorageException e = assertThrows(StorageException.class, () -> JdbcStorage.sqlite(file()));
        assertTrue(e.getMessage().contains("v3.0.0.c") && e.getMessage().contains("optuna storage upgrade"),
                e.getMessage());
        storage = new InMemoryStorage();
    }

    @Test
    void refusesADatabaseOfSomethingElse() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
        }
        StorageException e = assertThrows(StorageException.class, () -> JdbcStorage.sqlite(other));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("not an Optuna"),
                e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotSqlite() throws Exception {
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "these are not the pages of a database, just some text ".repeat(100));
        StorageException e = assertThrows(StorageException.class, () -> JdbcStorage.sqlite(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a SQLite database"),
                e.getMessage());
        assertEquals("these", Files.readString(text).substring(0, 5), "the file is left alone");
    }

    @Test
    void refusesAMissingDirectory() {
        Path missing = dir.resolve("no/such/dir/study.db");
        StorageException e = assertThrows(StorageException.class, () -> JdbcStorage.sqlite(missing));
        assertTrue(e.getMessage().contains(missing.getParent().toString())
                && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void closedStorageSaysSo() {
        storage.close();
        StorageException e = assertThrows(StorageException.class, () -> storage.listStudies());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        storage = new InMemoryStorage();
    }

    @Test
    void directionsAreStoredAsOptunaNames() throws Exception {
        storage.createStudy("mo", List.of(Direction.MAXIMIZE, Direction.MINIMIZE));
        assertEquals(1, count("SELECT COUNT(*) FROM study_directions WHERE direction = 'MAXIMIZE' AND objective = 0"));
        assertEquals(1, count("SELECT COUNT(*) FROM study_directions WHERE direction = 'MINIMIZE' AND objective = 1"));
    }
}
