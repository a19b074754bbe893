package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip container (EPUB OCF, DOCX, ODT, FBZ) read within {@link ExtractionLimits}. The JDK's
 * {@link ZipFile} parses the central directory; this class bounds what is inflated from it:
 * <ul>
 *   <li>{@code maxZipEntries}: checked on open against the central directory's entry count;</li>
 *   <li>{@code maxZipEntryBytes}, {@code maxZipTotalBytes}: checked against the declared size
 *       before reading and against the bytes actually inflated while reading, so a header that
 *       lies about its size cannot get more than the budget inflated;</li>
 *   <li>{@code maxCompressionRatio}: inflated bytes / compressed bytes of the entry, checked while
 *       reading once an entry has inflated past {@value #RATIO_GRACE_BYTES} bytes (tiny entries
 *       can have extreme ratios harmlessly).</li>
 * </ul>
 * Any violation is {@code ZipBomb}, thrown before the rest of the entry is inflated. A file that
 * is not a readable zip (truncated, no central directory) is {@code CorruptFile}. Only entries
 * that an extractor asks for are ever inflated, and each at most once.
 */
final class SafeZip implements Closeable {
    /** Entries smaller than this (bytes inflated) are not held to the compression ratio. */
    static final int RATIO_GRACE_BYTES = 64 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final ZipFile zip;
    private final ExtractionGuard guard;
    private final List<String> names;
    private Map<String, String> lowerCaseNames;
    private long totalInflated;

    private SafeZip(ZipFile zip, ExtractionGuard guard, List<String> names) {
        this.zip = zip;
        this.guard = guard;
        this.names = names;
    }

    /**
     * Opens {@code file} and checks its entry count.
     *
     * @throws ExtractionException {@code CorruptFile} when it is not a readable zip,
     *                             {@code ZipBomb} when it lists more than {@code maxZipEntries}
     * @throws IOException         when the file cannot be opened (missing, permissions)
     */
    static SafeZip open(Path file, ExtractionGuard guard) throws IOException, ExtractionException {
        ZipFile zip = openZip(file);
        try {
            ExtractionLimits limits = guard.limits();
            if (zip.size() > limits.maxZipEntries()) {
                throw new ExtractionException(ExtractionException.ZIP_BOMB, "zip lists " + zip.size()
                        + " entries, more than the limit of " + limits.maxZipEntries());
            }
            List<String> names = new ArrayList<>(zip.size());
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
            return new SafeZip(zip, guard, Collections.unmodifiableList(names));
        } catch (ExtractionException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static ZipFile openZip(Path file) throws IOException, ExtractionException {
        try {
            return new ZipFile(file.toFile(), ZipFile.OPEN_READ, StandardCharsets.UTF_8);
        } catch (ZipException utf8Failure) {
            try {
                // Some old tools write names in a legacy code page without the UTF-8 flag.
                return new ZipFile(file.toFile(), ZipFile.OPEN_READ, StandardCharsets.ISO_8859_1);
            } catch (ZipException e) {
                throw new ExtractionException(ExtractionException.CORRUPT,
                        "not a readable zip container (truncated or damaged): " + utf8Failure.getMessage(),
                        utf8Failure);
            }
        }
    }

    /** All entry names in central-directory order. */
    List<String> names() {
        return names;
    }

    /**
     * The stored name of an entry, matched exactly first and then ignoring case (some EPUBs
     * reference {@code Text/Ch1.xhtml} as {@code text/ch1.xhtml}); {@code null} when absent.
     */
    String find(String name) {
        if (zip.getEntry(name) != null) {
            return name;
        }
        if (lowerCaseNames == null) {
            lowerCaseNames = new HashMap<>();
            for (String n : names) {
                lowerCaseNames.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
            }
        }
        return lowerCaseNames.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Inflates one entry within the limits.
     *
     * @param name a name as {@link #find} returns it
     * @return the entry's bytes
     * @throws ExtractionException {@code CorruptFile} when the entry is absent or its data is
     *                             damaged, {@code ZipBomb} past a bound,
     *                             {@code ExtractionTimeout} past the deadline
     */
    byte[] read(String name) throws ExtractionException {
        ZipEntry entry = name == null ? null : zip.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            throw new ExtractionException(ExtractionException.CORRUPT, "zip entry missing: " + name);
        }
        ExtractionLimits limits = guard.limits();
        long declared = entry.getSize();
        long compressed = Math.max(1, entry.getCompressedSize());
        if (declared > limits.maxZipEntryBytes()) {
            throw bomb(name, "declares " + declared + " bytes, more than the per-entry limit of "
                    + limits.maxZipEntryBytes());
        }
        if (declared > 0 && totalInflated + declared > limits.maxZipTotalBytes()) {
            throw bomb(name, "would take the total inflated past the limit of " + limits.maxZipTotalBytes());
        }
        if (declared > RATIO_GRACE_BYTES && (double) declared / compressed > limits.maxCompressionRatio()) {
            throw bomb(name, "declares a compression ratio of " + ratio(declared, compressed));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), CHUNK * 16L));
        byte[] buf = new byte[CHUNK];
        long count = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                count += n;
                totalInflated += n;
                if (count > limits.maxZipEntryBytes()) {
                    throw bomb(name, "inflates past the per-entry limit of " + limits.maxZipEntryBytes() + " bytes");
                }
                if (totalInflated > limits.maxZipTotalBytes()) {
                    throw bomb(name, "takes the total inflated past the limit of " + limits.maxZipTotalBytes()
                            + " bytes");
                }
                if (count > RATIO_GRACE_BYTES && (double) count / compressed > limits.maxCompressionRatio()) {
                    throw bomb(name, "inflates at a compression ratio over " + ratio(count, compressed)
                            + " (limit " + limits.maxCompressionRatio() + ")");
                }
                out.write(buf, 0, n);
                guard.checkDeadline();
            }
        } catch (IOException e) {
            throw new ExtractionException(ExtractionException.CORRUPT,
                    "damaged zip entry " + name + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Total bytes inflated from this zip so far. */
    long totalInflated() {
        return totalInflated;
    }

    private static String ratio(long size, long compressed) {
        return String.format(Locale.ROOT, "%.0f:1", (double) size / compressed);
    }

    private static ExtractionException bomb(String name, String why) {
        return new ExtractionException(ExtractionException.ZIP_BOMB, "zip entry " + name + " " + why);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
