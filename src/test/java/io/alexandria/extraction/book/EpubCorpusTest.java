package io.alexandria.extraction.book;

import static io.alexandria.extraction.book.TestFiles.DEFAULTS;
import static io.alexandria.extraction.book.TestFiles.allText;
import static io.alexandria.extraction.book.TestFiles.chapter;
import static io.alexandria.extraction.book.TestFiles.chapters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.Section;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three Standard Ebooks EPUBs of the shared corpus, extracted from copies. */
class EpubCorpusTest {
    static final String JEKYLL = "robert-louis-stevenson_the-strange-case-of-dr-jekyll-and-mr-hyde.epub";
    static final String TIME_MACHINE = "h-g-wells_the-time-machine.epub";
    static final String GATSBY = "f-scott-fitzgerald_the-great-gatsby.epub";

    @TempDir
    Path tmp;

    private ExtractedDocument extract(String book) throws ExtractionException {
        return new EpubExtractor().extract(Corpus.copyBook(book, tmp), DEFAULTS);
    }

    @Test
    void jekyllHasNavChapterTitlesInSpineOrderAndMetadata() throws Exception {
        ExtractedDocument doc = extract(JEKYLL);

        assertEquals(List.of("Titlepage", "Imprint", "Story of the Door", "Search for Mr. Hyde",
                "Dr. Jekyll Was Quite at Ease", "The Carew Murder Case", "Incident of the Letter",
                "Remarkable Incident of Dr. Lanyon", "Incident at the Window", "The Last Night",
                "Dr. Lanyon’s Narrative", "Henry Jekyll’s Full Statement of the Case", "Colophon", "Uncopyright"),
                chapters(doc));
        assertEquals("The Strange Case of Dr. Jekyll and Mr. Hyde", doc.title());
        assertEquals("Robert Louis Stevenson", doc.stringAttribute(ExtractedDocument.AUTHOR));
        assertEquals("en-GB", doc.stringAttribute(ExtractedDocument.LANGUAGE));
        assertEquals("EPUB", doc.stringAttribute(ExtractedDocument.FORMAT));
        assertTrue(doc.warnings().isEmpty(), doc.warnings()::toString);

        Section door = chapter(doc, "Story of the Door");
        assertEquals(List.of("Story of the Door"), door.headingPath());
        assertNull(door.page());
        assertEquals("Story of the Door", door.paragraphs().getFirst(), "the heading is the first paragraph");
        assertTrue(door.paragraphs().contains("“Tut-tut,” said Mr. Utterson."));
        // "asleep⁠—street": the U+2060 WORD JOINER is removed, the words stay joined.
        assertTrue(String.join("\n", door.paragraphs()).contains("all the folks asleep—street after street"));
        // "sir⁠ ⁠…": WORD JOINER + HAIR SPACE + WORD JOINER around an ellipsis becomes one space.
        assertTrue(door.paragraphs().contains("“My dear sir …” began Enfield, surprised out of himself."));
    }

    @Test
    void timeMachineHasRomanNumeralChaptersAndCleanText() throws Exception {
        ExtractedDocument doc = extract(TIME_MACHINE);

        assertEquals(List.of("Titlepage", "Imprint", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                "XI", "XII", "Epilogue", "Endnotes", "Colophon", "Uncopyright"), chapters(doc));
        assertEquals("The Time Machine", doc.title());
        assertEquals("H. G. Wells", doc.stringAttribute(ExtractedDocument.AUTHOR));
        Section one = chapter(doc, "I");
        assertTrue(one.paragraphs().get(1).startsWith("The Time Traveller (for so it will be convenient to speak of "
                + "him) was expounding a recondite matter to us. His grey eyes"), one.paragraphs().get(1));
        assertTrue(one.paragraphs().contains("“That,” said a very young man, making spasmodic efforts to relight "
                + "his cigar over the lamp; “that … very clear indeed.”"));
    }

    @Test
    void gatsbyNestedNavGivesChaptersAndFrontMatter() throws Exception {
        ExtractedDocument doc = extract(GATSBY);

        assertEquals(List.of("Titlepage", "Imprint", "Dedication", "Epigraph", "The Great Gatsby", "I", "II", "III",
                "IV", "V", "VI", "VII", "VIII", "IX", "Colophon", "Uncopyright"), chapters(doc));
        assertEquals("The Great Gatsby", doc.title());
        assertEquals("F. Scott Fitzgerald", doc.stringAttribute(ExtractedDocument.AUTHOR));
        assertEquals("en-GB", doc.stringAttribute(ExtractedDocument.LANGUAGE));
        assertTrue(chapter(doc, "I").paragraphs().contains("In my younger and more vulnerable years my father gave "
                + "me some advice that I’ve been turning over in my mind ever since."));
        // HAIR SPACE between closing quotes becomes an ordinary space.
        assertTrue(allText(doc).contains("“I hate that word ‘hulking,’ ” objected Tom crossly"));
    }

    @Test
    void noInvisibleOrSpecialSpacesAndNoBlankParagraphsInAnyBook() throws Exception {
        for (String book : List.of(JEKYLL, TIME_MACHINE, GATSBY)) {
            ExtractedDocument doc = extract(book);
            String text = allText(doc);
            assertTrue(doc.characters() > 100_000, book + " is a whole novel");
            for (char c : new char[] {'\u2060', '\u200A', '\u00A0', '\u200B', '\u00AD', '\t', '\r'}) {
                assertFalse(text.indexOf(c) >= 0, () -> book + " still contains U+" + Integer.toHexString(c));
            }
            for (Section s : doc.sections()) {
                assertFalse(s.paragraphs().isEmpty(), book + ": empty section " + s.chapter());
                for (String p : s.paragraphs()) {
                    assertFalse(p.isBlank(), book + ": blank paragraph in " + s.chapter());
                    assertEquals(p.strip(), p);
                    assertFalse(p.contains("  "), book + ": double space in " + p);
                }
            }
            assertFalse(text.contains("<p") || text.contains("epub:type"), book + ": markup leaked");
        }
    }
}
