package io.alexandria.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import io.alexandria.testsupport.TestModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private final TokenCounter counter = TestModels.tokenCounter();
    private final Chunker chunker = new Chunker(counter, new ChunkingOptions(64, 16));

    private static ExtractedDocument doc(Section... sections) {
        return new ExtractedDocument("t", List.of(sections), Map.of(), List.of());
    }

    private static String sentences(String stem, int n) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add("The " + stem + " number " + i + " walked along the quiet river at dusk.");
        }
        return String.join(" ", s);
    }

    @Test
    void everyChunkFitsTheTokenBudgetIncludingItsContextLine() {
        ExtractedDocument d = doc(Section.ofHeadings(List.of("Guide", "Installing the plugin"),
                List.of(sentences("traveller", 40), "Short tail.")));
        List<Chunk> chunks = chunker.chunk(d);
        assertTrue(chunks.size() > 5, "a 40-sentence paragraph needs several 64-token chunks");
        for (Chunk c : chunks) {
            assertTrue(counter.count(c.embeddingInput()) <= 64 + 2,
                    "chunk " + c.ordinal() + " has " + counter.count(c.embeddingInput()) + " tokens");
            assertEquals(List.of("Guide", "Installing the plugin"), c.headingPath());
            assertTrue(c.embeddingInput().startsWith("Guide > Installing the plugin\n"));
        }
    }

    @Test
    void withoutMergingChunksNeverSpanSectionsAndOrdinalsRunAcrossTheDocument() {
        Chunker chunker = new Chunker(counter, new ChunkingOptions(64, 16).withMinTokens(0));
        List<Chunk> chunks = chunker.chunk(doc(
                Section.ofHeadings(List.of("A"), List.of("Alpha paragraph.")),
                Section.ofHeadings(List.of("B"), List.of("Beta paragraph.")),
                Section.ofPage(3, List.of("Page three text."))));
        assertEquals(3, chunks.size());
        assertEquals(List.of(0, 1, 2), chunks.stream().map(Chunk::ordinal).toList());
        assertEquals("Alpha paragraph.", chunks.get(0).text());
        assertEquals(List.of("B"), chunks.get(1).headingPath());
        assertEquals(3, chunks.get(2).page());
        assertEquals("Page three text.", chunks.get(2).embeddingInput(), "a page has no context line");
    }

    @Test
    void smallParagraphsArePackedTogetherUntilTheBudget() {
        List<String> paragraphs = Collections.nCopies(10, "Tiny paragraph here.");
        List<Chunk> chunks = chunker.chunk(doc(Section.ofHeadings(List.of(), paragraphs)));
        assertTrue(chunks.size() < 10, "paragraphs are packed");
        assertTrue(chunks.getFirst().text().contains("\n\n"), "packed paragraphs keep a blank line between them");
    }

    @Test
    void consecutiveChunksOfASplitParagraphOverlap() {
        List<Chunk> chunks = chunker.chunk(doc(Section.ofHeadings(List.of(), List.of(sentences("walker", 30)))));
        assertTrue(chunks.size() >= 3);
        for (int i = 1; i < chunks.size(); i++) {
            String prev = chunks.get(i - 1).text();
            String firstSentence = chunks.get(i).text().split("(?<=\\.) ")[0];
            assertTrue(prev.contains(firstSentence), "chunk " + i + " starts with the tail of chunk " + (i - 1));
        }
    }

    @Test
    void anOverlongWordIsSplitIntoPiecesThatFit() {
        // no spaces, but the tokenizer splits punctuation: about 4,000 tokens in one "word"
        String blob = "x.".repeat(2000);
        List<Chunk> chunks = chunker.chunk(doc(Section.ofHeadings(List.of(), List.of(blob))));
        assertTrue(chunks.size() > 1);
        long xs = chunks.stream().mapToLong(c -> c.text().chars().filter(ch -> ch == 'x').count()).sum();
        assertTrue(xs >= 2000, "no character is lost: " + xs);
        chunks.forEach(c -> assertTrue(c.text().matches("[x. ]+"), "only pieces of the word"));
        chunks.forEach(c -> assertTrue(counter.count(c.embeddingInput()) <= 66));
    }

    @Test
    void sameDocumentGivesSameChunks() {
        ExtractedDocument d = doc(Section.ofHeadings(List.of("H"), List.of(sentences("a", 25), sentences("b", 12))));
        assertEquals(chunker.chunk(d), chunker.chunk(d));
    }

    @Test
    void emptyAndBlankSectionsGiveNoChunks() {
        assertTrue(chunker.chunk(doc()).isEmpty());
        assertTrue(chunker.chunk(doc(Section.ofHeadings(List.of("Empty"), List.of("   ")))).isEmpty());
    }

    @Test
    void editingOneParagraphChangesOnlyItsChunk() {
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            paragraphs.add(sentences("p" + i, 3));
        }
        List<Chunk> before = chunker.chunk(doc(Section.ofHeadings(List.of(), paragraphs)));
        paragraphs.set(6, paragraphs.get(6).replace("quiet", "noisy"));
        List<Chunk> after = chunker.chunk(doc(Section.ofHeadings(List.of(), paragraphs)));
        List<String> beforeTexts = before.stream().map(Chunk::text).toList();
        long changed = after.stream().map(Chunk::text).filter(t -> !beforeTexts.contains(t)).count();
        assertTrue(changed >= 1 && changed <= 2, "one edited paragraph changes one chunk (or two with overlap), was "
                + changed + " of " + after.size());
        assertFalse(after.isEmpty());
    }
    @Test
    void tinySectionsAreMergedUnderTheHeadingsTheyShare() {
        Chunker merging = new Chunker(counter, ChunkingOptions.defaults());
        List<Chunk> chunks = merging.chunk(doc(
                Section.ofHeadings(List.of("Guide", "Install"), List.of("Run the installer.")),
                Section.ofHeadings(List.of("Guide", "Configure"), List.of("Edit the settings file.")),
                Section.ofHeadings(List.of("Guide", "Use"), List.of("Open the app."))));
        assertEquals(1, chunks.size());
        Chunk c = chunks.getFirst();
        assertEquals(List.of("Guide"), c.headingPath());
        assertEquals("Install\nRun the installer.\n\nConfigure\nEdit the settings file.\n\nUse\nOpen the app.", c.text());
        assertEquals(counter.count(c.embeddingInput()), c.tokens());
    }

    @Test
    void aTinySectionPrefersItsSubsectionAndNeverCrossesPagesOrChapters() {
        Chunker merging = new Chunker(counter, ChunkingOptions.defaults());
        String big = sentences("keeper", 12);
        List<Chunk> chunks = merging.chunk(doc(
                Section.ofHeadings(List.of("Intro"), List.of(big)),
                Section.ofHeadings(List.of("Setup"), List.of("See below.")),
                Section.ofHeadings(List.of("Setup", "Linux"), List.of("Use the package."))));
        assertEquals(2, chunks.size(), chunks.toString());
        assertEquals(List.of("Setup"), chunks.get(1).headingPath());
        assertEquals("See below.\n\nLinux\nUse the package.", chunks.get(1).text());

        List<Chunk> pages = merging.chunk(doc(Section.ofPage(1, List.of("One line.")), Section.ofPage(2,
                List.of("Another line.")), Section.ofChapter("A", List.of("Short.")), Section.ofChapter("B",
                List.of("Short too."))));
        assertEquals(4, pages.size(), "pages and chapters keep their own chunks");
    }

    @Test
    void aWordTheTokenizerCountsAsOneTokenIsStillCutByCharacters() {
        String word = "a".repeat(50_000);
        assertEquals(1, counter.count(word), "WordPiece makes a word over 100 characters one [UNK]");
        ChunkingOptions options = ChunkingOptions.defaults();
        List<Chunk> chunks = new Chunker(counter, options).chunk(doc(Section.ofHeadings(List.of(), List.of(word))));
        assertTrue(chunks.size() >= 50_000 / options.maxChars());
        assertEquals(50_000, chunks.stream().mapToInt(c -> c.text().length()).sum(), "nothing lost");
        chunks.forEach(c -> assertTrue(c.embeddingInput().length() <= options.maxChars()));
    }

    @Test
    void aHugeHeadingIsCutInTheContextLineAndKeptInTheText() {
        String heading = "Heading words ".repeat(2_000).strip();
        ChunkingOptions options = ChunkingOptions.defaults();
        List<Chunk> chunks = new Chunker(counter, options).chunk(doc(
                Section.ofHeadings(List.of("Top", heading), List.of("Body text."))));
        for (Chunk c : chunks) {
            assertTrue(c.context().length() <= options.maxContextChars(), c.context().length() + " chars");
            assertTrue(counter.count(c.context()) <= options.maxContextTokens());
            assertTrue(c.context().endsWith("\u2026"));
            assertTrue(c.tokens() <= options.maxTokens());
        }
        assertTrue(chunks.getFirst().text().startsWith("Heading words Heading words"));
        assertTrue(chunks.getLast().text().endsWith("Body text."));
    }

    @Test
    void japaneseWithoutBlanksFillsChunksWithinTheBudgetAndSplitsAtSentenceEnds() {
        String sentence = "日本語の文章は空白なしで続きますが、句点で文が終わります。";
        String text = sentence.repeat(200);
        ChunkingOptions options = ChunkingOptions.defaults();
        List<Chunk> chunks = new Chunker(counter, options).chunk(doc(Section.ofHeadings(List.of("日本語"),
                List.of(text))));
        assertTrue(chunks.size() > 5);
        for (Chunk c : chunks.subList(0, chunks.size() - 1)) {
            assertTrue(c.tokens() <= options.maxTokens() && c.tokens() > options.maxTokens() / 2, c.tokens() + " tokens");
            assertEquals(counter.count(c.embeddingInput()), c.tokens());
            assertTrue(c.text().endsWith("。"), "a chunk ends at a sentence end: " + c.text());
        }
        String noStop = "漢字仮名交じり文".repeat(2_000);
        List<Chunk> pieces = new Chunker(counter, options).chunk(doc(Section.ofHeadings(List.of(), List.of(noStop))));
        pieces.forEach(c -> assertTrue(c.tokens() <= options.maxTokens()));
        assertTrue(pieces.getFirst().tokens() > options.maxTokens() * 3 / 4, "windows are filled");
    }

    @Test
    void tokenCountsAreTheCountOfTheEmbeddedText() {
        Chunker merging = new Chunker(counter, ChunkingOptions.defaults());
        List<Chunk> chunks = merging.chunk(doc(
                Section.ofHeadings(List.of("H1", "H2"), List.of(sentences("sailor", 30), "x.".repeat(700),
                        "https://example.com/" + "path/".repeat(200))),
                Section.ofHeadings(List.of("H1", "Tiny"), List.of("Just one line."))));
        for (Chunk c : chunks) {
            assertEquals(counter.count(c.embeddingInput()), c.tokens(), c.embeddingInput());
        }
        assertEquals(chunks, merging.chunk(doc(
                Section.ofHeadings(List.of("H1", "H2"), List.of(sentences("sailor", 30), "x.".repeat(700),
                        "https://example.com/" + "path/".repeat(200))),
                Section.ofHeadings(List.of("H1", "Tiny"), List.of("Just one line.")))), "deterministic");
    }
}
