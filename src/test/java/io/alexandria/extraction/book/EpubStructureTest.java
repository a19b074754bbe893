package io.alexandria.extraction.book;

import static io.alexandria.extraction.book.TestFiles.DEFAULTS;
import static io.alexandria.extraction.book.TestFiles.allText;
import static io.alexandria.extraction.book.TestFiles.assertFails;
import static io.alexandria.extraction.book.TestFiles.chapters;
import static io.alexandria.extraction.book.TestFiles.epub;
import static io.alexandria.extraction.book.TestFiles.xhtml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EPUB structures the corpus does not have: EPUB 2 NCX, fragments, odd paths, DRM, XXE. */
class EpubStructureTest {
    @TempDir
    Path tmp;

    private static String opf(String version, String manifest, String spineAttrs, String spine) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf"
                         version="%s" unique-identifier="id">
                  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                    <dc:title>Test  Book\u2060</dc:title>
                    <dc:creator opf:role="aut">Ann Author</dc:creator>
                    <dc:creator opf:role="edt">Ed Editor</dc:creator>
                    <dc:creator opf:role="aut">Bob Writer</dc:creator>
                    <dc:language>fr</dc:language>
                  </metadata>
                  <manifest>%s</manifest>
                  <spine %s>%s</spine>
                </package>
                """.formatted(version, manifest, spineAttrs, spine);
    }

    @Test
    void epub2NcxTitlesPercentEncodedHrefsAndNonLinearItems() throws Exception {
        String ncx = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
                  <navMap>
                    <navPoint id="n1" playOrder="1"><navLabel><text>Chapter One</text></navLabel>
                      <content src="Text/Chapter%201.html"/>
                      <navPoint id="n1a" playOrder="2"><navLabel><text>Nested</text></navLabel>
                        <content src="Text/Chapter%201.html#later"/></navPoint>
                    </navPoint>
                    <navPoint id="n2" playOrder="3"><navLabel><text>Notes</text></navLabel>
                      <content src="Text/notes.xhtml"/></navPoint>
                  </navMap>
                </ncx>
                """;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("OEBPS/content.opf", opf("2.0", """
                <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
                <item id="c1" href="Text/Chapter%201.html" media-type="application/xhtml+xml"/>
                <item id="c2" href="Text/part2.xhtml" media-type="application/xhtml+xml"/>
                <item id="notes" href="Text/notes.xhtml" media-type="application/xhtml+xml"/>
                <item id="img" href="Images/cover.svg" media-type="image/svg+xml"/>
                """, "toc=\"ncx\"", """
                <itemref idref="img"/><itemref idref="c1"/><itemref idref="notes" linear="no"/>
                <itemref idref="c2"/>"""));
        files.put("OEBPS/toc.ncx", ncx);
        files.put("OEBPS/Text/Chapter 1.html", xhtml("Heading ignored", "First chapter text.",
                "<span id=\"later\">Second part text.</span>"));
        files.put("OEBPS/Text/notes.xhtml", xhtml(null, "A note."));
        files.put("OEBPS/Text/part2.xhtml", xhtml("Part Two Heading", "Text without TOC entry."));
        files.put("OEBPS/Images/cover.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Cover</text></svg>");
        Path book = epub(tmp.resolve("b.epub"), "OEBPS/content.opf", files);

        ExtractedDocument doc = new EpubExtractor().extract(book, DEFAULTS);

        assertEquals(List.of("Chapter One", "Nested", "Notes", "Part Two Heading"), chapters(doc));
        assertEquals(List.of("Heading ignored", "First chapter text."), doc.sections().get(0).paragraphs());
        assertEquals(List.of("Second part text."), doc.sections().get(1).paragraphs());
        assertEquals("Test Book", doc.title());
        assertEquals("Ann Author & Bob Writer", doc.stringAttribute(ExtractedDocument.AUTHOR));
        assertEquals("fr", doc.stringAttribute(ExtractedDocument.LANGUAGE));
        assertFalse(allText(doc).contains("Cover"), "SVG spine items are not text documents");
    }

    @Test
    void epub3NavFragmentsSplitOneFileAndUntitledContinuationKeepsPreviousTitle() throws Exception {
        String nav = """
                <?xml version="1.0" encoding="UTF-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
                <head><title>TOC</title></head><body>
                <nav epub:type="landmarks"><ol><li><a href="book.xhtml">Wrong nav</a></li></ol></nav>
                <nav epub:type="toc"><ol>
                  <li><a href="book.xhtml#c1">One</a></li>
                  <li><a href="book.xhtml#c2">Two</a></li>
                  <li><a href="missing.xhtml">Gone</a></li>
                </ol></nav></body></html>
                """;
        String book = """
                <?xml version="1.0" encoding="UTF-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>
                <section id="c1"><h1>1</h1><p>Alpha.</p></section>
                <section id="c2"><h1>2</h1><p>Beta.</p><ul><li>Item one</li><li>Item two</li></ul>
                <blockquote>Quoted <em>text</em>.</blockquote><table><tr><td>A</td><td>B</td></tr></table>
                <div>Loose div text<br/>after a break.</div></section>
                <script>var x = "not text";</script><style>p { color: red }</style>
                </body></html>
                """;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("content.opf", opf("3.0", """
                <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
                <item id="book" href="book.xhtml" media-type="application/xhtml+xml"/>
                <item id="cont" href="more.html" media-type="text/html"/>
                <item id="gone" href="missing.xhtml" media-type="application/xhtml+xml"/>
                """, "", "<itemref idref=\"book\"/><itemref idref=\"cont\"/><itemref idref=\"gone\"/>"));
        files.put("nav.xhtml", nav);
        files.put("book.xhtml", book);
        files.put("more.html", "<html><head><title/></head><body><p>Continued <b>HTML</b> text.<p>Second");
        Path file = epub(tmp.resolve("b.epub"), "content.opf", files);

        ExtractedDocument doc = new EpubExtractor().extract(file, DEFAULTS);

        assertEquals(List.of("One", "Two", "Two"), chapters(doc));
        assertEquals(List.of("1", "Alpha."), doc.sections().get(0).paragraphs());
        assertEquals(List.of("2", "Beta.", "Item one", "Item two", "Quoted text.", "A B",
                "Loose div text after a break."), doc.sections().get(1).paragraphs());
        assertEquals(List.of("Continued HTML text.", "Second"), doc.sections().get(2).paragraphs());
        assertEquals(List.of("spine document missing from the EPUB: missing.xhtml"), doc.warnings());
    }

    @Test
    void drmEncryptedContentIsEncryptedButObfuscatedFontsAreFine() throws Exception {
        String opf = opf("3.0", "<item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>", "",
                "<itemref idref=\"c\"/>");
        String drm = """
                <encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
                            xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
                  <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                  <enc:CipherData><enc:CipherReference URI="c.xhtml"/></enc:CipherData></enc:EncryptedData>
                </encryption>""";
        Path locked = epub(tmp.resolve("drm.epub"), "content.opf",
                Map.of("META-INF/encryption.xml", drm, "content.opf", opf, "c.xhtml", xhtml("T", "Text.")));
        assertFails(ExtractionException.ENCRYPTED, () -> new EpubExtractor().extract(locked, DEFAULTS));

        String fonts = drm.replace("http://www.w3.org/2001/04/xmlenc#aes128-cbc", "http://www.idpf.org/2008/embedding");
        Path ok = epub(tmp.resolve("fonts.epub"), "content.opf",
                Map.of("META-INF/encryption.xml", fonts, "content.opf", opf, "c.xhtml", xhtml("T", "Text.")));
        assertEquals(List.of("T", "Text."), new EpubExtractor().extract(ok, DEFAULTS).sections().getFirst()
                .paragraphs());
    }

    @Test
    void externalEntitiesInContainerOpfAndContentAreNeverResolved() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-MARKER");
        String doctype = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">"
                + "<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>";
        String content = xhtml("Title &xxe;", "Before &xxe; after &lol2;.").replace("<html", doctype + "\n<html");
        String opf = opf("3.0", "<item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>", "",
                "<itemref idref=\"c\"/>").replace("<package", doctype + "\n<package")
                .replace("Test  Book", "Book &xxe;");
        Path book = epub(tmp.resolve("xxe.epub"), "content.opf", Map.of("content.opf", opf, "c.xhtml", content));

        ExtractedDocument doc = new EpubExtractor().extract(book, DEFAULTS);

        String text = allText(doc) + doc.title();
        assertFalse(text.contains("TOP-SECRET-MARKER"), text);
        assertFalse(text.contains("lollol"), "internal entities are not expanded either: " + text);
        assertTrue(text.contains("Before"), text);
    }

    @Test
    void missingContainerFallsBackToTheOnlyOpfAndNoOpfIsCorrupt() throws Exception {
        String opf = opf("3.0", "<item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>", "",
                "<itemref idref=\"c\"/>");
        Path noContainer = TestFiles.zip(tmp.resolve("a.epub"), Map.of("x/p.opf", opf, "x/c.xhtml", xhtml("H", "T.")));
        assertEquals(List.of("H"), chapters(new EpubExtractor().extract(noContainer, DEFAULTS)));

        Path notEpub = TestFiles.zip(tmp.resolve("b.epub"), Map.of("readme.txt", "hello"));
        assertFails(ExtractionException.CORRUPT, () -> new EpubExtractor().extract(notEpub, DEFAULTS));
    }

    @Test
    void epubWithoutTextIsNoTextAndEmptySpineIsNoText() throws Exception {
        String opf = opf("3.0", "<item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>", "",
                "<itemref idref=\"c\"/>");
        String imageOnly = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><img src=\"a.png\" alt=\"\"/>"
                + "<p>\u2060\u00A0 </p></body></html>";
        Path book = epub(tmp.resolve("a.epub"), "content.opf", Map.of("content.opf", opf, "c.xhtml", imageOnly));
        assertFails(ExtractionException.NO_TEXT, () -> new EpubExtractor().extract(book, DEFAULTS));

        Path empty = epub(tmp.resolve("b.epub"), "content.opf", Map.of("content.opf", opf("3.0", "", "", "")));
        ExtractionException e = assertFails(ExtractionException.NO_TEXT,
                () -> new EpubExtractor().extract(empty, DEFAULTS));
        assertNull(e.getCause());
    }
}
