package io.alexandria.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Tells, without Flyway, whether a database already has every migration this build carries, so
 * opening it (every CLI command, the app) can skip Flyway: the newest versioned migration on the
 * class path ({@code db/migration/V<version>__<name>.sql}, versions compared part by part as
 * Flyway does, e.g. {@code 1.2} &lt; {@code 1.10}) against the newest successful row of Flyway's
 * history table {@code flyway_schema_history}. Any doubt — a new database, no history table, a
 * failed migration, migrations that cannot be listed — answers false, and Flyway runs as always
 * (and validates).
 */
final class SchemaVersion {
    /** Where the migrations live on the class path. */
    static final String LOCATION = "db/migration";
    private static final Pattern MIGRATION = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

    private SchemaVersion() {
    }

    /** Whether the database behind {@code db} has the newest migration applied and none failed. */
    static boolean current(DataSource db) {
        List<Integer> bundled = newestBundled();
        if (bundled == null) {
            return false;
        }
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_NAME = 'flyway_schema_history'"); ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return false;
                }
            }
            List<Integer> applied = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT \"version\", \"success\" FROM "
                    + "\"flyway_schema_history\" WHERE \"version\" IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean(2)) {
                        return false;
                    }
                    List<Integer> v = parse(rs.getString(1));
                    if (applied == null || compare(v, applied) > 0) {
                        applied = v;
                    }
                }
            }
            return applied != null && compare(applied, bundled) == 0;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The newest migration version on the class path, or null when none can be listed. */
    static List<Integer> newestBundled() {
        List<Integer> newest = null;
        try {
            Enumeration<URL> roots = SchemaVersion.class.getClassLoader().getResources(LOCATION);
            while (roots.hasMoreElements()) {
                for (String name : names(roots.nextElement())) {
                    Matcher m = MIGRATION.matcher(name);
                    if (m.matches()) {
                        List<Integer> v = parse(m.group(1));
                        if (newest == null || compare(v, newest) > 0) {
                            newest = v;
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
        return newest;
    }

    /** File names directly in a class-path folder (a directory or a folder inside a jar). */
    private static List<String> names(URL folder) throws IOException, URISyntaxException {
        List<String> out = new ArrayList<>();
        if (folder.getProtocol().equals("file")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(folder.toURI()))) {
                for (Path f : files) {
                    out.add(f.getFileName().toString());
                }
            }
            return out;
        }
        URLConnection connection = folder.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            String prefix = jar.getEntryName() + "/";
            try (JarFile file = jar.getJarFile()) {
                for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                        out.add(name.substring(prefix.length()));
                    }
                }
            }
            return out;
        }
        throw new IOException("cannot list " + folder);
    }

    /** {@code "1.2_3"} → [1, 2, 3]. */
    static List<Integer> parse(String version) {
        List<Integer> out = new ArrayList<>();
        for (String part : version.split("[._]")) {
            out.add(Integer.parseInt(part));
        }
        return out;
    }

    /** Flyway's order: part by part, missing parts count as 0. */
    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
