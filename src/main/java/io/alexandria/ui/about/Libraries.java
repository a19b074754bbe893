package io.alexandria.ui.about;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What Help › About lists: the version ({@code /about/version.properties}, filled in by the build)
 * and the bundled libraries and assets with their licences ({@code /about/libraries.tsv}). Reads
 * class-path resources: call off the JavaFX thread.
 */
public final class Libraries {
    /** The list's resource. */
    public static final String RESOURCE = "/about/libraries.tsv";

    private Libraries() {
    }

    /**
     * One bundled library.
     *
     * @param name    its name
     * @param licence its licence
     * @param purpose what Alexandria uses it for
     * @param groups  the Maven groups it comes from ("-" for assets), comma-separated
     */
    public record Library(String name, String licence, String purpose, String groups) {
    }

    /**
     * The bundled libraries, in the list's order.
     *
     * @throws UncheckedIOException when the list is missing from the class path
     */
    public static List<Library> list() {
        List<Library> out = new ArrayList<>();
        try (InputStream in = Libraries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length >= 4) {
                    out.add(new Library(f[0], f[1], f[2], f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The app's version ("0.1.0"), or "development build" when the build did not fill it in. */
    public static String version() {
        try (InputStream in = Libraries.class.getResourceAsStream("/about/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String v = Libraries.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
