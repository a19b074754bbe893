package io.alexandria.extraction.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Section;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Builders for test inputs (zips, EPUBs) and assertions shared by the book extraction tests. */
final class TestFiles {
    static final ExtractionLimits DEFAULTS = ExtractionLimits.defaults();

    private TestFiles() {
    }

    /** Default limits with another timeout. */
    static ExtractionLimits withTimeout(Duration timeout) {
        ExtractionLimits d = DEFAULTS;
        return new ExtractionLimits(d.maxFileBytes(), d.maxTextChars(), d.maxZipEntries(), d.maxZipEntryBytes(),
                d.maxZipTotalBytes(), d.maxCompressionRatio(), timeout);
    }

    /** Default limits with another text budget. */
    static ExtractionLimits withMaxTextChars(long chars) {
        ExtractionLimits d = DEFAULTS;
        return new ExtractionLimits(d.maxFileBytes(), chars, d.maxZipEntries(), d.maxZipEntryBytes(),
                d.maxZipTotalBytes(), d.maxCompressionRatio(), d.timeout());
    }

    /** Default limits with other zip bounds. */
    static ExtractionLimits withZip(int entries, long entryBytes, long totalBytes, double ratio) {
        ExtractionLimits d = DEFAULTS;
        return new ExtractionLimits(d.maxFileBytes(), d.maxTextChars(), entries, entryBytes, totalBytes, ratio,
                d.timeout());
    }

    /** Asserts that {@code call} throws an {@link ExtractionException} of {@code errorType}. */
    static ExtractionException assertFails(String errorType, Executable call) {
        ExtractionException e = assertThrows(ExtractionException.class, call);
        assertEquals(errorType, e.errorType(), () -> "wrong error type; message: " + e.getMessage());
        return e;
    }

    /** All paragraphs of all sections joined by newlines. */
    static String allText(ExtractedDocument doc) {
        StringBuilder sb = new StringBuilder();
        for (Section s : doc.sections()) {
            for (String p : s.paragraphs()) {
                sb.append(p).append('\n');
            }
        }
        return sb.toString();
    }

    /** The chapter titles in order. */
    static List<String> chapters(ExtractedDocument doc) {
        List<String> out = new ArrayList<>();
        for (Section s : doc.sections()) {
            out.add(s.chapter());
        }
        return out;
    }

    /** The first section whose chapter is {@code title}. */
    static Section chapter(ExtractedDocument doc, String title) {
        return doc.sections().stream().filter(s -> title.equals(s.chapter())).findFirst()
                .orElseThrow(() -> new AssertionError("no chapter " + title + " in " + chapters(doc)));
    }

    /** Writes a zip of UTF-8 text entries (deflated), in the map's order. */
    static Path zip(Path file, Map<String, String> entries) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        entries.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(file, bytes);
    }

    /** Writes a zip of binary entries (deflated), in the map's order. */
    static Path zipBytes(Path file, Map<String, byte[]> entries) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an EPUB: the {@code mimetype} entry stored first (OCF 4.3), then
     * {@code META-INF/container.xml} pointing at {@code opfPath}, then {@code files}.
     */
    static Path epub(Path file, String opfPath, Map<String, String> files) {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mimetype = "application/epub+zip".getBytes(StandardCharsets.US_ASCII);
            ZipEntry m = new ZipEntry("mimetype");
            m.setMethod(ZipEntry.STORED);
            m.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            m.setCrc(crc.getValue());
            zip.putNextEntry(m);
            zip.write(mimetype);
            zip.closeEntry();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("META-INF/container.xml", container(opfPath));
            all.putAll(files);
            for (Map.Entry<String, String> e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String container(String opfPath) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                  <rootfiles><rootfile full-path="%s" media-type="application/oebps-package+xml"/></rootfiles>
                </container>
                """.formatted(opfPath);
    }

    /** A minimal XHTML content document with a heading and paragraphs. */
    static String xhtml(String heading, String... paragraphs) {
        StringBuilder body = new StringBuilder();
        if (heading != null) {
            body.append("<h2>").append(heading).append("</h2>\n");
        }
        for (String p : paragraphs) {
            body.append("<p>").append(p).append("</p>\n");
        }
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
                <head><title/></head>
                <body><section>
                %s</section></body></html>
                """.formatted(body);
    }
}
