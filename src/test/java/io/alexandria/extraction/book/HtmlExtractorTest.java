package io.alexandria.extraction.book;

import static io.alexandria.extraction.book.TestFiles.DEFAULTS;
import static io.alexandria.extraction.book.TestFiles.allText;
import static io.alexandria.extraction.book.TestFiles.assertFails;
import static io.alexandria.extraction.book.TestFiles.chapters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.testsupport.Corpus;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single-file HTML and XHTML books, including a real chapter file taken from a corpus EPUB. */
class HtmlExtractorTest {
    @TempDir
    Path tmp;

    @Test
    void htmlBookIsSplitAtRepeatedHeadingsWithMetadata() throws Exception {
        Path file = Files.writeString(tmp.resolve("book.html"), """
                <!DOCTYPE html><html lang="de"><head><meta charset="windows-1252">
                <title>Ein Buch</title><meta name="author" content="Anna Autorin"></head><body>
                <h1>Ein Buch</h1><p>Vorwort.</p>
                <h2>Erstes Kapitel</h2><p>Es war einmal&nbsp;&hellip; <i>Märchen</i>.</p>
                <h2>Zweites Kapitel</h2><p>Ende<br>gut.</p><script>alert(1)</script></body></html>
                """, Charset.forName("windows-1252"));
        ExtractedDocument doc = new HtmlExtractor("HTML").extract(file, DEFAULTS);

        assertEquals(java.util.Arrays.asList(null, "Erstes Kapitel", "Zweites Kapitel"), chapters(doc));
        assertEquals(List.of("Erstes Kapitel", "Es war einmal … Märchen."), doc.sections().get(1).paragraphs());
        assertEquals(List.of("Zweites Kapitel", "Ende gut."), doc.sections().get(2).paragraphs());
        assertEquals("Ein Buch", doc.title());
        assertEquals("Anna Autorin", doc.stringAttribute(ExtractedDocument.AUTHOR));
        assertEquals("de", doc.stringAttribute(ExtractedDocument.LANGUAGE));
        assertFalse(allText(doc).contains("alert"));
    }

    @Test
    void corpusChapterAsStandaloneXhtmlUsesTheXmlParser() throws Exception {
        Path epub = Corpus.copyBook(EpubCorpusTest.TIME_MACHINE, tmp);
        Path xhtml = tmp.resolve("chapter-1.xhtml");
        try (ZipFile zip = new ZipFile(epub.toFile())) {
            Files.write(xhtml, zip.getInputStream(zip.getEntry("epub/text/chapter-1.xhtml")).readAllBytes());
        }
        ExtractedDocument doc = BookExtractors.extract(xhtml, DEFAULTS);

        assertEquals("XHTML", doc.stringAttribute(ExtractedDocument.FORMAT));
        assertEquals("I", doc.title());
        assertEquals("en-GB", doc.stringAttribute(ExtractedDocument.LANGUAGE));
        assertEquals(List.of("I"), chapters(doc));
        assertTrue(allText(doc).contains("“that … very clear indeed.”"));
    }

    @Test
    void xxeInStandaloneXhtmlIsNotResolved() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-MARKER");
        Path file = Files.writeString(tmp.resolve("x.xhtml"), """
                <?xml version="1.0"?>
                <!DOCTYPE html [<!ENTITY xxe SYSTEM "%s">]>
                <html xmlns="http://www.w3.org/1999/xhtml"><head><title>T &xxe;</title></head>
                <body><p>Value: &xxe;</p></body></html>
                """.formatted(secret.toUri()));
        ExtractedDocument doc = new HtmlExtractor("XHTML").extract(file, DEFAULTS);
        assertFalse((allText(doc) + doc.title()).contains("TOP-SECRET"));
        assertTrue(allText(doc).contains("Value:"));
    }

    @Test
    void htmlWithoutTextIsNoText() throws Exception {
        Path file = Files.writeString(tmp.resolve("e.htm"), "<html><head><title>Only a title</title></head>"
                + "<body><img src=x><script>var a;</script></body></html>");
        assertFails(ExtractionException.NO_TEXT, () -> new HtmlExtractor("HTM").extract(file, DEFAULTS));
    }

    @Test
    void deeplyNestedMarkupDoesNotOverflowTheStack() throws Exception {
        Path file = Files.writeString(tmp.resolve("deep.html"),
                "<div>".repeat(50_000) + "deep text" + "</div>".repeat(50_000));
        ExtractedDocument doc = new HtmlExtractor("HTML").extract(file, DEFAULTS);
        assertEquals("deep text", allText(doc).strip());
    }
}
