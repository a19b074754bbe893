package io.alexandria.extraction.book;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Resolves IRI references inside a zip container to entry names, as EPUB 3 OCF section 3.3 (and
 * EPUB 2 OPS) define them: relative to the referring file's folder, percent-encoded (RFC 3986),
 * with {@code .} and {@code ..} segments, and an optional {@code #fragment}. A reference with a
 * scheme ({@code http:}, {@code mailto:}) or one that climbs above the container root resolves
 * to {@code null}.
 */
final class ContainerPaths {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private ContainerPaths() {
    }

    /** The folder part of an entry name, with a trailing slash ({@code ""} at the root). */
    static String folder(String entryName) {
        int slash = entryName.lastIndexOf('/');
        return slash < 0 ? "" : entryName.substring(0, slash + 1);
    }

    /**
     * The entry name {@code href} points to from a file in {@code baseFolder}, percent-decoded,
     * without query or fragment; {@code null} when it points outside the container or is empty.
     */
    static String resolve(String baseFolder, String href) {
        if (href == null) {
            return null;
        }
        String h = href.strip();
        if (SCHEME.matcher(h).find()) {
            return null;
        }
        int cut = indexOfAny(h, '#', '?');
        if (cut >= 0) {
            h = h.substring(0, cut);
        }
        if (h.isEmpty()) {
            return null;
        }
        String joined = h.startsWith("/") ? h.substring(1) : baseFolder + h;
        return normalize(percentDecode(joined));
    }

    /** The percent-decoded fragment of {@code href}, or {@code null} when it has none. */
    static String fragment(String href) {
        if (href == null) {
            return null;
        }
        int hash = href.indexOf('#');
        if (hash < 0 || hash == href.length() - 1) {
            return null;
        }
        return percentDecode(href.substring(hash + 1).strip());
    }

    /** Decodes {@code %XX} escapes as UTF-8; malformed escapes are kept literally. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Removes {@code .} and empty segments and applies {@code ..}; {@code null} above the root. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
