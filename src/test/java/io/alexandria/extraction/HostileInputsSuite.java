package io.alexandria.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.chunking.TokenCounter;
import io.alexandria.extraction.book.BookExtractors;
import io.alexandria.extraction.markdown.MarkdownExtractor;
import io.alexandria.sources.vault.ScanProblem;
import io.alexandria.sources.vault.ScanResult;
import io.alexandria.sources.vault.VaultFile;
import io.alexandria.sources.vault.VaultScanner;
import io.alexandria.testsupport.HeapWatch;
import io.alexandria.testsupport.HostileInputs;
import io.alexandria.testsupport.HostileInputs.Input;
import io.alexandria.testsupport.HostileInputs.Outcome;
import io.alexandria.testsupport.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issues 11 and 15 at extraction and chunking level: every hostile input of {@link HostileInputs}
 * ends either in chunks within every bound (tokens counted again on the exact embedded text,
 * characters, context line, payload lists, title) or in a per-document {@link ExtractionException}
 * of the expected type with a message; links and names the vault scan must skip are reported as
 * scan problems of the expected kind. At the small scale each input is extracted and chunked a
 * second time on a thread with a 256 KiB stack and must give the same chunks (chunk texts make the
 * point ids, so they must not depend on the thread). Each input runs under a hang guard (not a speed assertion:
 * speed is the scaling benchmark's job). Memory: the suite runs in the normal test JVM
 * ({@code -Xmx3g}); the live heap after each garbage collection (from the collectors'
 * notifications) must peak under the subclass's bound, and the heap pools' peak usage (what G1 let
 * the heap grow to, garbage included) is printed beside it. Subclasses pick the scale:
 * {@link HostileInputsTest} the small one (default run), {@link HostileInputsFullTest} the sizes
 * of the issues (tagged {@code slow}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputsSuite {
    static final ChunkingOptions OPTIONS = ChunkingOptions.defaults();
    static final ExtractionLimits LIMITS = ExtractionLimits.defaults();

    Path tmp;
    Path vault;
    Path books;
    List<Input> inputs;
    final Map<String, List<Chunk>> chunksOf = new ConcurrentHashMap<>();
    final Map<String, ExtractedDocument> docs = new ConcurrentHashMap<>();
    final Map<String, Long> millis = new ConcurrentHashMap<>();
    TokenCounter counter;
    Chunker chunker;
    HeapWatch heap;

    /** The scale of the inputs. */
    abstract HostileInputs.Scale scale();

    /** Upper bound of the live heap after any garbage collection during the suite, in MiB. */
    abstract long liveHeapBoundMib();

    /** The hang guard per input. */
    abstract Duration hangGuard();

    @BeforeAll
    void writeInputs() throws IOException {
        tmp = Files.createTempDirectory("hostile-inputs");
        vault = tmp.resolve("Hostile Vault");
        books = tmp.resolve("books");
        List<Input> all = new ArrayList<>(HostileInputs.writeVault(vault, tmp.resolve("outside"), scale()));
        all.addAll(HostileInputs.writeBooks(books, scale()));
        inputs = List.copyOf(all);
        counter = TestModels.tokenCounter();
        chunker = new Chunker(counter, OPTIONS);
        counter.count("warm up");
        heap = HeapWatch.start();
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (heap != null) {
            heap.close();
        }
        if (tmp != null) {
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void thereAreAtLeastThirtyInputsOfEveryOutcome() {
        assertTrue(inputs.size() >= 30, "inputs: " + inputs.size());
        for (Outcome o : Outcome.values()) {
            assertTrue(inputs.stream().anyMatch(i -> i.outcome() == o), "an input for " + o);
        }
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyInputIsChunkedWithinBoundsOrFailsWithAReason() {
        return inputs.stream().filter(i -> i.outcome() != Outcome.SKIPPED)
                .map(i -> DynamicTest.dynamicTest(i.toString(), () -> assertTimeoutPreemptively(hangGuard(),
                        () -> check(i))));
    }

    private void check(Input input) throws Exception {
        Path file = (input.book() ? books : vault).resolve(input.path());
        long t0 = System.nanoTime();
        try {
            if (input.outcome() == Outcome.FAILED) {
                ExtractionException e = assertThrows(ExtractionException.class, () -> extract(file, input.book()),
                        input + " must fail");
                assertEquals(input.reason(), e.errorType(), () -> input + ": " + e.getMessage());
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank());
                return;
            }
            ExtractedDocument doc;
            try {
                doc = extract(file, input.book());
            } catch (ExtractionException e) {
                fail(input + " must be indexed, but failed: " + e.errorType() + " " + e.getMessage(), e);
                return;
            }
            List<Chunk> chunks = chunker.chunk(doc);
            assertWithinBounds(input, doc, chunks);
            if (scale() == HostileInputs.Scale.SMALL) {
                assertEquals(chunks, onSmallStack(file, input.book()), input + ": the same chunks on any thread");
            }
            docs.put(input.path(), strip(doc));
            chunksOf.put(input.path(), chunks.size() > 400 ? List.copyOf(chunks.subList(0, 400)) : chunks);
        } finally {
            millis.put(input.path(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * Extracts and chunks {@code file} again on a thread with a 256 KiB stack: the chunks (and so the
     * point ids, made from their text) must not depend on the thread or its stack size.
     */
    private List<Chunk> onSmallStack(Path file, boolean book) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Object> out = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(chunker.chunk(extract(file, book)));
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (out.get() instanceof Throwable e) {
            throw new AssertionError("extraction on a small stack failed", e);
        }
        @SuppressWarnings("unchecked")
        List<Chunk> chunks = (List<Chunk>) out.get();
        return chunks;
    }

    /** The document without its sections (kept for the later checks without holding the text). */
    private static ExtractedDocument strip(ExtractedDocument doc) {
        return new ExtractedDocument(doc.title(), List.of(), doc.attributes(), doc.warnings());
    }

    static ExtractedDocument extract(Path file, boolean book) throws ExtractionException {
        if (!book) {
            return new MarkdownExtractor().extract(file, LIMITS);
        }
        String format = BookExtractors.formatOf(file).orElseThrow();
        Extractor extractor = BookExtractors.forFormat(format).orElseThrow();
        return extractor.extract(file, LIMITS);
    }

    private void assertWithinBounds(Input input, ExtractedDocument doc, List<Chunk> chunks) {
        for (Chunk c : chunks) {
            String embedded = c.embeddingInput();
            int tokens = counter.count(embedded);
            if (tokens != c.tokens() || tokens > OPTIONS.maxTokens() || embedded.length() > OPTIONS.maxChars()
                    || c.context().length() > OPTIONS.maxContextChars() || embedded.isBlank()
                    || embedded.indexOf('\0') >= 0) {
                fail(input + ": chunk " + c.ordinal() + " out of bounds: " + tokens + " tokens (says " + c.tokens()
                        + "), " + embedded.length() + " chars, context " + c.context().length() + " chars");
            }
        }
        if (doc.title() != null) {
            assertTrue(doc.title().length() <= LIMITS.maxTitleChars(), input + ": title " + doc.title().length());
        }
        for (String key : List.of(ExtractedDocument.TAGS, ExtractedDocument.ALIASES, ExtractedDocument.LINKS)) {
            List<String> list = doc.listAttribute(key);
            assertTrue(list.size() <= LIMITS.maxPayloadListItems(), input + ": " + key + " " + list.size());
            assertTrue(list.stream().allMatch(s -> s.length() <= LIMITS.maxPayloadItemChars()), input + ": " + key);
        }
    }

    @Test
    @Order(3)
    void linksOutOfTheVaultLoopsAndBadNamesAreReportedByTheScanAndEverythingElseIsListed() throws IOException {
        ScanResult scan = new VaultScanner(vault).scan();
        List<String> listed = scan.files().stream().map(VaultFile::relativePath).toList();
        Map<String, ScanProblem.Kind> problems = scan.problems().stream()
                .collect(Collectors.toMap(ScanProblem::relativePath, ScanProblem::kind, (a, b) -> a));
        for (Input i : inputs) {
            if (i.book()) {
                continue;
            }
            if (i.outcome() == Outcome.SKIPPED) {
                assertEquals(i.reason(), String.valueOf(problems.get(i.path())), i + ": " + scan.problems());
                assertFalse(listed.contains(i.path()), i + " must not be listed");
            } else {
                assertTrue(listed.contains(i.path()), i + " must be listed");
            }
        }
        assertEquals(inputs.stream().filter(i -> !i.book() && i.outcome() == Outcome.SKIPPED).count(),
                scan.problems().size(), scan.problems().toString());
    }

    @Test
    @Order(4)
    void payloadListsAreCutToTheLimitAndTheirTotalsRecorded() {
        boolean full = scale() == HostileInputs.Scale.FULL;
        ExtractedDocument links = docs.get("links-100k.md");
        assertEquals(100, links.listAttribute(ExtractedDocument.LINKS).size());
        assertEquals(full ? 100_000 : 2_000, links.attributes().get(ExtractedDocument.LINKS_TOTAL));
        assertEquals("Note 0", links.listAttribute(ExtractedDocument.LINKS).getFirst(), "the first links are kept");
        ExtractedDocument index = docs.get("index-10k-links.md");
        assertEquals(10_000, index.attributes().get(ExtractedDocument.LINKS_TOTAL));
        ExtractedDocument tags = docs.get("million-tags.md");
        assertEquals(100, tags.listAttribute(ExtractedDocument.TAGS).size());
        assertEquals(full ? 1_000_000 : 2_000, tags.attributes().get(ExtractedDocument.TAGS_TOTAL));
        assertTrue(docs.get("title-huge.md").title().endsWith("\u2026"));
        assertTrue(docs.get("yaml-many-tags.md").attributes().containsKey(ExtractedDocument.TAGS_TOTAL));
    }

    @Test
    @Order(5)
    void hostileShapesKeepTheirTextAndLoseTheirStructure() {
        assertEquals(List.of("deep"), texts("deep-blockquote.md"));
        assertEquals(List.of("item"), texts("nested-lists-line.md"));
        assertTrue(texts("html-bomb.md").getFirst().startsWith("deep"), texts("html-bomb.md").getFirst());
        assertTrue(docs.get("emphasis-bomb.md").warnings().stream().anyMatch(w -> w.contains("emphasis marks")),
                docs.get("emphasis-bomb.md").warnings().toString());
        assertEquals(List.of("Visible before."), texts("comments-unclosed.md"));
        assertTrue(texts("base64-image.md").getFirst().contains("Before the image.\n\na chart\n\nAfter the image."),
                "a data-URI image keeps its alt text only: " + texts("base64-image.md"));
        List<Chunk> heading = chunksOf.get("heading-huge.md");
        assertTrue(heading.getFirst().context().endsWith("\u2026"), "a huge heading is cut in the context line");
        assertTrue(heading.getFirst().text().startsWith("Heading words Heading words"), "and its text is kept");
        assertTrue(docs.get("yaml-billion-laughs.md").warnings().stream().anyMatch(w -> w.contains("frontmatter")));
        assertTrue(docs.get("yaml-huge-anchor.md").warnings().stream().anyMatch(w -> w.contains("characters")),
                docs.get("yaml-huge-anchor.md").warnings().toString());
        assertTrue(docs.get("yaml-deep.md").warnings().stream().anyMatch(w -> w.contains("nested")));
        assertEquals(List.of("The body survives the bomb."), texts("yaml-billion-laughs.md"));
    }

    @Test
    @Order(6)
    void byteOrderMarksPickTheEncoding() {
        for (String name : List.of("utf8-bom.md", "utf16le-bom.md", "utf16be-bom.md", "utf32le-bom.md",
                "utf32be-bom.md")) {
            List<Chunk> chunks = chunksOf.get(name);
            assertEquals(1, chunks.size(), name);
            assertEquals("Grüße\nČeská věta, 日本語, emoji 🎉 and ünïcödé.", chunks.getFirst().embeddingInput(), name);
        }
        assertEquals("UTF-16LE", docs.get("utf16le-bom.md").attributes().get(ExtractedDocument.ENCODING));
        assertEquals(Boolean.TRUE, docs.get("invalid-utf8.md").attributes().get(ExtractedDocument.INVALID_UTF8));
    }

    @Test
    @Order(7)
    void blockIdsAreDroppedOutsideCodeAndTinySectionsAreMerged() {
        String text = String.join("\n", texts("block-ids.md"));
        assertFalse(text.contains("^b15695") || text.contains("^item-1") || text.contains("^table-id"), text);
        assertTrue(text.contains("A paragraph that Obsidian can link to.") && text.contains("code keeps ^this"), text);
        long sections = 4_000 / "## Step 10\nDo thing 10.\n".length();
        int chunks = chunksOf.get("tiny-sections.md").size();
        assertTrue(chunks * 5 < sections, chunks + " chunks for about " + sections + " one-line sections");
        for (Chunk c : chunksOf.get("japanese.md")) {
            assertTrue(c.tokens() > OPTIONS.maxTokens() / 2 || c == chunksOf.get("japanese.md").getLast(),
                    "Japanese without blanks still fills its chunks: " + c.tokens());
        }
    }

    private List<String> texts(String path) {
        return chunksOf.get(path).stream().map(Chunk::text).toList();
    }

    @Test
    @Order(99)
    void theLiveHeapStayedUnderTheBound() {
        long slowest = millis.values().stream().mapToLong(Long::longValue).max().orElse(0);
        String slowestName = millis.entrySet().stream().filter(e -> e.getValue() == slowest).map(Map.Entry::getKey)
                .findFirst().orElse("-");
        System.out.printf(Locale.ROOT, "hostile inputs (%s): %d; live heap after GC peaked at %d MiB (bound %d MiB); "
                        + "heap pools peaked at %d MiB; slowest %s %d ms%n", scale(), inputs.size(),
                heap.peakLiveMib(), liveHeapBoundMib(), heap.poolPeakMib(), slowestName.replace("\n", "\\n"), slowest);
        assertTrue(heap.collections() > 0, "garbage collections were watched");
        assertTrue(heap.peakLiveMib() < liveHeapBoundMib(), "live heap peaked at " + heap.peakLiveMib() + " MiB");
    }
}
