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
}
