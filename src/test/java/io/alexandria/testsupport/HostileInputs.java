package io.alexandria.testsupport;

import io.alexandria.extraction.ExtractionException;
import io.alexandria.sources.vault.ScanProblem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes hostile inputs (issues 11 and 15): notes into a temp vault and book files into a temp
 * folder, each with the outcome the app must give it. Every input must end as one of
 * <ul>
 *   <li>{@link Outcome#INDEXED}: extracted and chunked within all bounds (maybe zero chunks);</li>
 *   <li>{@link Outcome#FAILED}: a per-document {@link ExtractionException} of {@link Input#reason()}
 *       with a message;</li>
 *   <li>{@link Outcome#SKIPPED}: not listed by the vault scan, reported as a
 *       {@link ScanProblem} of kind {@link Input#reason()}.</li>
 * </ul>
 * {@link Scale#FULL} writes the sizes of the issues (5 MB notes, 100,000 wikilinks, a million tags,
 * a 40 MB note, a 5,000-page PDF: about 110 MB of files); {@link Scale#SMALL} the same shapes small
 * enough for the default test run and for a real sync to embed them (the 10,000-link index note
 * stays full size). Deterministic: a fixed random seed.
 */
public final class HostileInputs {
    /** How large the inputs are. */
    public enum Scale {
        /** The sizes of the issues, for the extraction and chunking suite. */
        FULL,
        /** The same shapes small enough for the default test run and for a real sync to embed. */
        SMALL
    }

    /** What must become of an input. */
    public enum Outcome {
        /** Chunks within every bound (or none, for an empty note). */
        INDEXED,
        /** A per-document error of the input's reason (an {@link ExtractionException} error type). */
        FAILED,
        /** Left out by the vault scan and reported as a scan problem of the input's reason (a kind). */
        SKIPPED
    }

    /**
     * One hostile input.
     *
     * @param path    the file, relative to the vault or book folder ({@code '/'}-separated, as the
     *                scanner names it)
     * @param outcome what must become of it
     * @param reason  the error type ({@link Outcome#FAILED}) or scan problem kind
     *                ({@link Outcome#SKIPPED}) expected; {@code null} when indexed
     * @param what    one line saying what is hostile about it
     * @param book    {@code true} for a book file, {@code false} for a note
     */
    public record Input(String path, Outcome outcome, String reason, String what, boolean book) {
        @Override
        public String toString() {
            return path.replace("\n", "\\n") + " (" + what + ")";
        }
    }

    private final Scale scale;
    private final Random random = new Random(20_260_421L);
    private final List<Input> inputs = new ArrayList<>();

    private HostileInputs(Scale scale) {
        this.scale = scale;
    }

    private int size(int full, int small) {
        return scale == Scale.FULL ? full : small;
    }

    /**
     * Writes the hostile notes into {@code vault} (created if needed), with links that point into
     * {@code outside} (a folder next to the vault, also written).
     *
     * @return the inputs, in the order written
     */
    public static List<Input> writeVault(Path vault, Path outside, Scale scale) throws IOException {
        HostileInputs h = new HostileInputs(scale);
        Files.createDirectories(vault);
        Files.createDirectories(outside);
        h.notes(vault, outside);
        return List.copyOf(h.inputs);
    }

    /**
     * Writes the hostile book files into {@code folder} (created if needed).
     *
     * @return the inputs, in the order written
     */
    public static List<Input> writeBooks(Path folder, Scale scale) throws IOException {
        HostileInputs h = new HostileInputs(scale);
        Files.createDirectories(folder);
        h.books(folder);
        return List.copyOf(h.inputs);
    }

    // ------------------------------------------------------------------ notes

    private void note(Path vault, String name, String text, String what) throws IOException {
        Files.writeString(vault.resolve(name), text, StandardCharsets.UTF_8);
        inputs.add(new Input(name, Outcome.INDEXED, null, what, false));
    }

    private void noteBytes(Path vault, String name, byte[] bytes, Outcome outcome, String reason, String what)
            throws IOException {
        Files.write(vault.resolve(name), bytes);
        inputs.add(new Input(name, outcome, reason, what, false));
    }

    private void notes(Path vault, Path outside) throws IOException {
        // sane notes: all must be indexed whatever their neighbours do
        for (int i = 1; i <= 3; i++) {
            note(vault, "sane-" + i + ".md", "---\ntags: [sane]\n---\n# Sane note " + i + "\n\nAn ordinary note about "
                    + "lighthouse number " + i + ", its keeper and the ships it guided home through the fog.\n",
                    "an ordinary note");
        }
        note(vault, "tiny-sections.md", HostileShapes.repeatLines(4_000, i -> "## Step " + i + "\nDo thing " + i + "."),
                "dozens of headings with one line each (merged into fewer chunks)");
        note(vault, "block-ids.md", "# Block ids\n\nA paragraph that Obsidian can link to. ^b15695\n\n- a list item ^item-1\n"
                + "\n`code keeps ^this`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n^table-id\n", "Obsidian block ids");

        // the index notes of issue 15: every point used to carry the whole link list
        note(vault, "links-100k.md", HostileShapes.times(size(100_000, 2_000), i -> "[[Note " + i + "]] "),
                size(100_000, 2_000) + " wikilinks in one note");
        note(vault, "index-10k-links.md", "# Index\n\n" + HostileShapes.times(10_000,
                i -> "- [[Area " + (i % 40) + "/Note " + i + "]]\n"), "a realistic 260 KB index note of 10,000 wikilinks");
        note(vault, "million-tags.md", HostileShapes.times(size(1_000_000, 2_000), i -> "#t" + i + " "),
                size(1_000_000, 2_000) + " distinct #tags");

        // super-linear shapes
        note(vault, "deep-blockquote.md", ">".repeat(100_000) + " deep\n", "100,000 nested block quotes on one line");
        note(vault, "nested-lists-line.md", "- ".repeat(50_000) + "item\n", "50,000 nested lists on one line");
        int depth = size(1_000, 100);
        note(vault, "nested-lists-indent.md", nestedList(depth),
                depth + " levels of indented lists");
        note(vault, "single-line.md", HostileShapes.fill(size(5 << 20, 24 << 10),
                i -> "lorem ipsum dolor sit amet " + i + " "), "one line of " + kib(size(5 << 20, 24 << 10)) + " of words");
        note(vault, "one-word.md", "a".repeat(size(5 << 20, 24 << 10)), "one word of " + size(5 << 20, 24 << 10)
                + " characters (1 token for the tokenizer)");
        note(vault, "table-100k-rows.md", "| a | b | c |\n|---|---|---|\n" + HostileShapes.repeatLines(
                size(100_000, 500) * 30, i -> "| row " + i + " | b" + i + " | c" + i + " |"),
                size(100_000, 500) + "-row table");
        note(vault, "html-bomb.md", "<div>\n" + "<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000)
                + "\n<table><tr>" + HostileShapes.fill(size(1_000_000, 20_000), i -> "<td>c" + i + "</td>")
                + "</tr></table>\n</div>\n", "100,000 nested divs and a row of many cells in raw HTML");
        note(vault, "callouts.md", HostileShapes.repeatLines(size(400_000, 8_000),
                i -> "> [!note] Callout " + i + "\n> body " + i + "\n"), "thousands of callouts");
        note(vault, "nested-callouts.md", HostileShapes.repeatLines(size(400_000, 8_000),
                i -> "> ".repeat(1 + i % 300) + "[!warning] level " + i), "callouts nested 300 deep");
        int stars = size(100_000, 2_000);
        note(vault, "emphasis-bomb.md", "*".repeat(stars) + "a" + "*".repeat(stars) + "\n" + "[".repeat(stars / 2)
                + "x" + "](y)".repeat(stars / 2) + "\n" + "![".repeat(stars / 2) + "x" + "](y)".repeat(stars / 2) + "\n",
                stars + " nested emphasis marks, " + stars / 2 + " nested links and images");
        note(vault, "open-brackets.md", "[[".repeat(size(100_000, 2_000)) + "\n" + "![[".repeat(size(50_000, 1_000)),
                "unclosed wikilinks and embeds");
        note(vault, "comments-unclosed.md", "Visible before.\n\n%% never closed " + "hidden ".repeat(size(150_000, 9_000)),
                "an unclosed %% comment hiding the rest");
        note(vault, "base64-image.md", "Before the image.\n\n![a chart](data:image/png;base64,"
                + base64(size(5 << 20, 24 << 10)) + ")\n\nAfter the image.\n",
                "only a " + kib(size(5 << 20, 24 << 10)) + " base64 data-URI image");
        note(vault, "base64-bare.md", base64(size(1 << 20, 12 << 10)), "a bare base64 blob (no blanks)");
        note(vault, "heading-huge.md", "# " + "Heading words ".repeat(size(75_000, 2_000)) + "\n\nText under it.\n"
                + "## Child\n\nChild text.\n", "a heading of " + kib(size(75_000, 2_000) * 14));
        note(vault, "title-huge.md", "---\ntitle: \"" + "T".repeat(size(1 << 20, 64 << 10) - 100) + "\"\n---\nBody.\n",
                "a frontmatter title of " + kib(size(1 << 20, 64 << 10)));
        note(vault, "japanese.md", "# 日本語\n\n" + HostileShapes.fill(size(200_000, 8_000),
                i -> "日本語の文章は空白なしで続きます" + (i % 7 == 0 ? "。" : "")), "Japanese without blanks");
        note(vault, "cjk-one-sentence.md", HostileShapes.fill(size(200_000, 8_000), i -> "漢字仮名交じり文"),
                "CJK without any sentence end");

        // frontmatter bombs
        StringBuilder laughs = new StringBuilder("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append("]\n");
        }
        note(vault, "yaml-billion-laughs.md", laughs + "---\nThe body survives the bomb.\n", "YAML billion laughs");
        StringBuilder anchor = new StringBuilder("---\nbig: &big \"" + "x".repeat(500_000) + "\"\nrefs:\n");
        for (int i = 0; i < 1_000; i++) {
            anchor.append("  - *big\n");
        }
        note(vault, "yaml-huge-anchor.md", anchor + "---\nBody after a huge anchor.\n", "a 500 KB YAML anchor used 1,000 times");
        note(vault, "yaml-deep.md", "---\nk: " + "[".repeat(100_000) + "\n---\nBody after deep YAML.\n",
                "YAML nested 100,000 deep");
        note(vault, "yaml-many-tags.md", "---\ntags:\n" + HostileShapes.repeatLines(size(100_000, 20_000),
                i -> "  - tag" + i) + "---\nBody.\n", "thousands of frontmatter tags");

        // encodings
        String greeting = "# Grüße\n\nČeská věta, 日本語, emoji 🎉 and ünïcödé.\n";
        noteEncoded(vault, "utf8-bom.md", greeting, StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        noteEncoded(vault, "utf16le-bom.md", greeting, StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE});
        noteEncoded(vault, "utf16be-bom.md", greeting, StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF});
        noteEncoded(vault, "utf32le-bom.md", greeting, Charset.forName("UTF-32LE"),
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        noteEncoded(vault, "utf32be-bom.md", greeting, Charset.forName("UTF-32BE"),
                new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF});
        noteBytes(vault, "utf16-no-bom.md", greeting.getBytes(StandardCharsets.UTF_16LE), Outcome.FAILED,
                ExtractionException.NOT_TEXT, "UTF-16 without a byte order mark");
        byte[] garbage = new byte[64 << 10];
        random.nextBytes(garbage);
        noteBytes(vault, "binary-garbage.md", garbage, Outcome.FAILED, ExtractionException.NOT_TEXT,
                "random bytes under a .md name");
        byte[] controls = new byte[4096];
        for (int i = 0; i < controls.length; i++) {
            controls[i] = (byte) (i % 3 == 0 ? 'a' : 1 + random.nextInt(8));
        }
        noteBytes(vault, "control-chars.md", controls, Outcome.FAILED, ExtractionException.NOT_TEXT,
                "mostly control characters");
        byte[] text = "A café menu with a few broken bytes: ".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[text.length + 4];
        System.arraycopy(text, 0, broken, 0, text.length);
        broken[text.length] = (byte) 0xC3;
        broken[text.length + 1] = '(';
        broken[text.length + 2] = (byte) 0xFF;
        broken[text.length + 3] = '\n';
        noteBytes(vault, "invalid-utf8.md", broken, Outcome.INDEXED, null, "a few invalid UTF-8 bytes");
        noteBytes(vault, "empty.md", new byte[0], Outcome.INDEXED, null, "an empty file");
        if (scale == Scale.FULL) {
            Path big = vault.resolve("too-big.md");
            try (OutputStream out = Files.newOutputStream(big)) {
                byte[] line = "A line of an enormous note.\n".getBytes(StandardCharsets.US_ASCII);
                for (long written = 0; written <= (40L << 20); written += line.length) {
                    out.write(line);
                }
            }
            inputs.add(new Input("too-big.md", Outcome.FAILED, ExtractionException.TOO_LARGE, "a 40 MB note", false));
        }

        // names
        String nfc = Normalizer.normalize("café.md", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("café.md", Normalizer.Form.NFD);
        note(vault, nfc, "The composed café note.\n", "NFC twin of an NFD name");
        note(vault, nfd, "The decomposed café note.\n", "NFD twin of an NFC name");
        note(vault, "line\nbreak.md", "A note whose name holds a newline.\n", "a newline in the file name");
        note(vault, "ü".repeat(123) + ".md", "A note with a 249-byte name.\n", "a 249-byte file name");

        // links and names the scan must skip
        Files.writeString(outside.resolve("secret.md"), "A private note outside the vault.\n");
        Files.createDirectories(outside.resolve("folder"));
        Files.writeString(outside.resolve("folder/inner.md"), "Outside, inside a folder.\n");
        Files.createSymbolicLink(vault.resolve("external-link.md"), outside.resolve("secret.md"));
        inputs.add(new Input("external-link.md", Outcome.SKIPPED, ScanProblem.Kind.EXTERNAL_LINK.name(),
                "a link to a note outside the vault", false));
        Files.createSymbolicLink(vault.resolve("external-folder"), outside.resolve("folder"));
        inputs.add(new Input("external-folder", Outcome.SKIPPED, ScanProblem.Kind.EXTERNAL_LINK.name(),
                "a link to a folder outside the vault", false));
        Files.createSymbolicLink(vault.resolve("loop-a.md"), vault.resolve("loop-b.md"));
        Files.createSymbolicLink(vault.resolve("loop-b.md"), vault.resolve("loop-a.md"));
        inputs.add(new Input("loop-a.md", Outcome.SKIPPED, ScanProblem.Kind.LINK_LOOP.name(), "a link loop", false));
        inputs.add(new Input("loop-b.md", Outcome.SKIPPED, ScanProblem.Kind.LINK_LOOP.name(), "a link loop", false));
        Files.createDirectories(vault.resolve("folder"));
        Files.createSymbolicLink(vault.resolve("folder/up"), vault);
        inputs.add(new Input("folder/up", Outcome.SKIPPED, ScanProblem.Kind.LINK_LOOP.name(),
                "a link to the vault from inside it", false));
        if (rawByteNamesWork()) {
            Process p = new ProcessBuilder("sh", "-c", "printf 'x' > \"$(printf 'bad\\377name.md')\"")
                    .directory(vault.toFile()).start();
            try {
                if (p.waitFor() == 0) {
                    inputs.add(new Input("bad\uFFFDname.md", Outcome.SKIPPED, ScanProblem.Kind.BAD_NAME.name(),
                            "a file name that is not valid UTF-8", false));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** Linux with a UTF-8 file-name encoding, where a shell can make a name Java cannot decode. */
    public static boolean rawByteNamesWork() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    }

    private void noteEncoded(Path vault, String name, String text, Charset charset, byte[] bom) throws IOException {
        byte[] body = text.getBytes(charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        noteBytes(vault, name, all, Outcome.INDEXED, null, charset.name() + " with a byte order mark");
    }

    private static String kib(long chars) {
        return chars >= (1 << 20) ? (chars >> 20) + " MiB" : (chars >> 10) + " KiB";
    }

    private static String nestedList(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        return sb.toString();
    }

    private String base64(int chars) {
        byte[] bytes = new byte[chars * 3 / 4];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    // ------------------------------------------------------------------ books

    private void book(String name, Outcome outcome, String reason, String what) {
        inputs.add(new Input(name, outcome, reason, what, true));
    }

    private void books(Path folder) throws IOException {
        // zip bombs
        zip(folder.resolve("zip-bomb.epub"), epubEntries(), "OEBPS/c1.xhtml", new byte[48 << 20]);
        book("zip-bomb.epub", Outcome.FAILED, ExtractionException.ZIP_BOMB, "48 MiB of zeros deflated in an EPUB");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(folder.resolve("many-entries.epub")))) {
            writeEpubSkeleton(zip);
            for (int i = 0; i < 10_001; i++) {
                zip.putNextEntry(new ZipEntry("OEBPS/junk/" + i + ".txt"));
                zip.write('x');
                zip.closeEntry();
            }
        }
        book("many-entries.epub", Outcome.FAILED, ExtractionException.ZIP_BOMB, "an EPUB of 10,004 zip entries");
        Path sane = zip(folder.resolve("sane.epub"), epubEntries(), null, null);
        book("sane.epub", Outcome.INDEXED, null, "a small valid EPUB");
        byte[] saneBytes = Files.readAllBytes(sane);
        Files.write(folder.resolve("truncated.epub"), java.util.Arrays.copyOf(saneBytes, saneBytes.length / 2));
        book("truncated.epub", Outcome.FAILED, ExtractionException.CORRUPT, "an EPUB cut in half");
        Files.write(folder.resolve("empty.epub"), new byte[0]);
        book("empty.epub", Outcome.FAILED, ExtractionException.CORRUPT, "an empty EPUB file");

        // PDFs
        try (PDDocument doc = new PDDocument()) {
            textPage(doc, "A secret page.");
            AccessPermission permission = new AccessPermission();
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", permission);
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(folder.resolve("encrypted.pdf").toFile());
        }
        book("encrypted.pdf", Outcome.FAILED, ExtractionException.ENCRYPTED, "a password-protected PDF");
        try (PDDocument doc = new PDDocument()) {
            BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < 3; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                PDImageXObject x = LosslessFactory.createFromImage(doc, image);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(x, 50, 50);
                }
            }
            doc.save(folder.resolve("image-only.pdf").toFile());
        }
        book("image-only.pdf", Outcome.FAILED, ExtractionException.NO_TEXT_LAYER, "a scanned PDF: images, no text");
        Files.writeString(folder.resolve("corrupt.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n"
                + "garbage garbage\n%%EOF\n", StandardCharsets.US_ASCII);
        book("corrupt.pdf", Outcome.FAILED, ExtractionException.CORRUPT, "a PDF with a broken body");
        Files.write(folder.resolve("empty.pdf"), new byte[0]);
        book("empty.pdf", Outcome.FAILED, ExtractionException.CORRUPT, "an empty PDF file");
        int pages = size(5_000, 200);
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText("Page " + i + " of the long report: the keeper logged the weather and the ships.");
                    cs.endText();
                }
            }
            doc.save(folder.resolve("pages-" + pages + ".pdf").toFile());
        }
        book("pages-" + pages + ".pdf", Outcome.INDEXED, null, "a " + pages + "-page PDF");

        // text and HTML
        Files.write(folder.resolve("empty.txt"), new byte[0]);
        book("empty.txt", Outcome.FAILED, ExtractionException.NO_TEXT, "an empty text file");
        Files.writeString(folder.resolve("one-line.txt"), HostileShapes.fill(size(5 << 20, 24 << 10),
                i -> "word" + i + " "));
        book("one-line.txt", Outcome.INDEXED, null, "a text book of one " + kib(size(5 << 20, 24 << 10)) + " line");
        Files.writeString(folder.resolve("html-bomb.html"), "<html><body>" + "<div>".repeat(100_000) + "deep"
                + "</div>".repeat(100_000) + "<table><tr>" + HostileShapes.fill(size(1_000_000, 20_000),
                i -> "<td>c" + i + "</td>") + "</tr></table></body></html>");
        book("html-bomb.html", Outcome.INDEXED, null, "100,000 nested divs and a row of many cells");
        if (scale == Scale.FULL) {
            Path huge = folder.resolve("huge-text.txt");
            try (OutputStream out = Files.newOutputStream(huge)) {
                byte[] line = "Words of a book far longer than any real book, repeated.\n".getBytes(StandardCharsets.US_ASCII);
                for (long written = 0; written <= (33L << 20); written += line.length) {
                    out.write(line);
                }
            }
            book("huge-text.txt", Outcome.FAILED, ExtractionException.TEXT_TOO_LARGE, "33 Mi characters of text");
        }
    }

    private static void textPage(PDDocument doc, String text) throws IOException {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.beginText();
            cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            cs.newLineAtOffset(72, 700);
            cs.showText(text);
            cs.endText();
        }
    }

    private static String[][] epubEntries() {
        return new String[][] {
            {"META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" "
                    + "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile "
                    + "full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>"
                    + "</container>"},
            {"OEBPS/content.opf", "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" "
                    + "version=\"3.0\" unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                    + "<dc:identifier id=\"id\">hostile</dc:identifier><dc:title>Hostile</dc:title>"
                    + "<dc:language>en</dc:language></metadata><manifest><item id=\"c1\" href=\"c1.xhtml\" "
                    + "media-type=\"application/xhtml+xml\"/></manifest><spine><itemref idref=\"c1\"/></spine>"
                    + "</package>"},
            {"OEBPS/c1.xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>"
                    + "One</title></head><body><h1>Chapter one</h1><p>The lighthouse keeper wrote in the log."
                    + "</p></body></html>"},
        };
    }

    private static void writeEpubSkeleton(ZipOutputStream zip) throws IOException {
        mimetype(zip);
        for (String[] e : epubEntries()) {
            zip.putNextEntry(new ZipEntry(e[0]));
            zip.write(e[1].getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    /** The stored {@code mimetype} entry an EPUB starts with. */
    private static void mimetype(ZipOutputStream zip) throws IOException {
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
    }

    /** An EPUB of {@link #epubEntries()}, with {@code replaced} entry's content swapped for {@code content}. */
    private static Path zip(Path file, String[][] entries, String replaced, byte[] content) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            mimetype(zip);
            for (String[] e : entries) {
                zip.putNextEntry(new ZipEntry(e[0]));
                zip.write(e[0].equals(replaced) ? content : e[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
