package io.metaloop.storage;

import io.metaloop.study.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageUrlsTest {

    @TempDir
    Path dir;

    @Test
    void memoryUrlGivesAnInMemoryStorage() {
        try (Storage s = StorageUrls.open("memory:")) {
            assertInstanceOf(InMemoryStorage.class, s);
        }
    }

    @Test
    void sqliteUrlsInBothSpellings() {
        // relative paths resolve against the base directory, which here does not exist
        StorageException missing = assertThrows(StorageException.class,
                () -> StorageUrls.open("sqlite:rel/a.db", dir.resolve("base")));
        assertTrue(missing.getMessage().contains(dir.resolve("base/rel").toString()), missing.getMessage());
        try (Storage s = StorageUrls.open("sqlite:a.db", dir)) {
            s.createStudy("x", List.of(Direction.MINIMIZE));
        }
        assertTrue(Files.exists(dir.resolve("a.db")));
        // SQLAlchemy: three slashes and a relative path, four for an absolute one
        try (Storage s = StorageUrls.open("sqlite:///a.db", dir)) {
            assertEquals("x", s.listStudies().get(0).name());
        }
        try (Storage s = StorageUrls.open("sqlite:///" + dir.resolve("a.db"), Path.of("/nonexistent"))) {
            assertEquals("x", s.listStudies().get(0).name());
        }
        try (Storage s = StorageUrls.open("sqlite:" + dir.resolve("b.db"))) {
            assertInstanceOf(JdbcStorage.class, s);
        }
    }

    @Test
    void postgresqlIsNotYetSupported() {
        StorageException e = assertThrows(StorageException.class,
                () -> StorageUrls.open("postgresql://localhost:5432/studies?user=me"));
        assertTrue(e.getMessage().startsWith("PostgreSQL storage is not yet supported"), e.getMessage());
    }

    @Test
    void unknownUrlsListTheAcceptedForms() {
        for (String url : List.of("mysql://host/db", "studies/x.db", "", "sqlite:", "sqlite://host/x.db")) {
            StorageException e = assertThrows(StorageException.class, () -> StorageUrls.open(url, dir));
            assertTrue(e.getMessage().contains("sqlite:PATH"), e.getMessage());
        }
        StorageException e = assertThrows(StorageException.class, () -> StorageUrls.open("mysql://host/db"));
        assertTrue(e.getMessage().contains("memory:") && e.getMessage().contains("postgresql://"), e.getMessage());
    }

    @Test
    void aFileThatIsNotADatabaseIsNamed() throws Exception {
        Path text = dir.resolve("readme.txt");
        Files.writeString(text, "plain text, long enough to look like a header of something else entirely\n".repeat(20));
        StorageException e = assertThrows(StorageException.class, () -> StorageUrls.open("sqlite:" + text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a SQLite database"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
    }
}
