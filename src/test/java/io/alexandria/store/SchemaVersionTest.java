package io.alexandria.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a database skips Flyway only when Flyway's history already holds the newest migration
 * of the class path: a new database, a database behind the newest migration or one with a failed
 * migration goes through Flyway.
 */
class SchemaVersionTest {
    @TempDir
    Path tmp;

    @Test
    void aMigratedDatabaseIsCurrentAndANewOneIsNot() {
        List<Integer> newest = SchemaVersion.newestBundled();
        assertTrue(newest != null && !newest.isEmpty(), "the migrations on the class path are listed");
        JdbcConnectionPool fresh = JdbcConnectionPool.create("jdbc:h2:file:" + tmp.resolve("fresh/db"), "sa", "");
        try {
            assertFalse(SchemaVersion.current(fresh), "a new database needs Flyway");
        } finally {
            fresh.dispose();
        }
        Database.open(tmp.resolve("data")).close();
        JdbcConnectionPool migrated = JdbcConnectionPool.create("jdbc:h2:file:" + tmp.resolve("data/alexandria")
                + ";AUTO_SERVER=TRUE", "alexandria", "");
        try {
            assertTrue(SchemaVersion.current(migrated), "a database Flyway migrated is current");
            migrated.getConnection().createStatement().execute(
                    "UPDATE \"flyway_schema_history\" SET \"version\" = '0.9' WHERE \"version\" IS NOT NULL");
            assertFalse(SchemaVersion.current(migrated), "a database behind the newest migration is not");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            migrated.dispose();
        }
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        assertEquals(List.of(1, 10), SchemaVersion.parse("1.10"));
        assertTrue(SchemaVersion.compare(SchemaVersion.parse("1.10"), SchemaVersion.parse("1.2")) > 0);
        assertEquals(0, SchemaVersion.compare(SchemaVersion.parse("2"), SchemaVersion.parse("2.0")));
    }
}
