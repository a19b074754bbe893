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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOCX, ODT, FB2/FBZ and RTF, built in the test. */
class OtherFormatsTest {
    @TempDir
    Path tmp;

    static String docxParagraph(String style, String... runs) {
        StringBuilder sb = new StringBuilder("<w:p>");
        if (style != null) {
            sb.append("<w:pPr><w:pStyle w:val=\"").append(style).append("\"/></w:pPr>");
        }
        for (String r : runs) {
            sb.append("<w:r><w:t xml:space=\"preserve\">").append(r).append("</w:t></w:r>");
        }
        return sb.append("</w:p>").toString();
    }

    static Path docx(Path file, String body) {
        String w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        parts.put("_rels/.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Target="word/document.xml"
                 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
                </Relationships>""");
        parts.put("word/document.xml", "<w:document " + w + " xmlns:mc=\"x\"><w:body>" + body
                + "<w:sectPr/></w:body></w:document>");
        parts.put("word/styles.xml", "<w:styles " + w + ">"
                + "<w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style>"
                + "<w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/></w:style>"
                + "</w:styles>");
        parts.put("docProps/core.xml", """
                <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
                  xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Word Book</dc:title>
                  <dc:creator>Wanda Word</dc:creator><dc:language>en-US</dc:language></cp:coreProperties>""");
        return TestFiles.zip(file, parts);
    }

    @Test
    void docxHeadingsBecomeChaptersWithRunsJoinedAndFieldCodesSkipped() throws Exception {
        String body = docxParagraph("Titel", "Word Book")
                + docxParagraph("berschrift1", "Chapter ", "One")
                + "<w:p><w:r><w:t>Hel</w:t></w:r><w:r><w:t>lo</w:t></w:r><w:r><w:tab/><w:t>world</w:t></w:r>"
                + "<w:r><w:instrText> HYPERLINK \"x\" </w:instrText></w:r><w:del><w:r><w:delText>gone</w:delText>"
                + "</w:r></w:del></w:p>\n  "
                + docxParagraph("berschrift1", "Chapter Two")
                + "<w:tbl><w:tr><w:tc>" + docxParagraph(null, "cell A") + "</w:tc><w:tc>"
                + docxParagraph(null, "cell B") + "</w:tc></w:tr></w:tbl>";
        ExtractedDocument doc = new DocxExtractor().extract(docx(tmp.resolve("a.docx"), body), DEFAULTS);

        assertEquals(Arrays.asList(null, "Chapter One", "Chapter Two"), chapters(doc));
        assertEquals(List.of("Chapter One", "Hello world"), doc.sections().get(1).paragraphs());
        assertEquals(List.of("Chapter Two", "cell A", "cell B"), doc.sections().get(2).paragraphs());
        assertEquals("Word Book", doc.title());
        assertEquals("Wanda Word", doc.stringAttribute(ExtractedDocument.AUTHOR));
        assertEquals("en-US", doc.stringAttribute(ExtractedDocument.LANGUAGE));
        assertEquals("DOCX", doc.stringAttribute(ExtractedDocument.FORMAT));
        assertFalse(allText(doc).contains("HYPERLINK") || allText(doc).contains("gone"));
    }

    @Test
    void passwordProtectedDocxIsEncryptedAndLegacyDocIsUnsupported() throws Exception {
        byte[] ole = new byte[4096];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole, 0, magic.length);
        byte[] doc = ole.clone();
        Path legacy = Files.write(tmp.resolve("legacy.docx"), doc);
        assertFails(ExtractionException.UNSUPPORTED, () -> new DocxExtractor().extract(legacy, DEFAULTS));
        byte[] marker = "EncryptionInfo".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(marker, 0, ole, 3000, marker.length);
        Path encrypted = Files.write(tmp.resolve("locked.docx"), ole);
        assertFails(ExtractionException.ENCRYPTED, () -> new DocxExtractor().extract(encrypted, DEFAULTS));
    }

    @Test
    void odtHeadingsSpacesAndMetadata() throws Exception {
        String ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("mimetype", "application/vnd.oasis.opendocument.text");
        parts.put("content.xml", "<office:document-content " + ns + "><office:body><office:text>"
                + "<text:sequence-decls><text:sequence-decl text:name=\"Figure\"/></text:sequence-decls>"
                + "<text:h text:outline-level=\"1\">Part A</text:h><text:p>One<text:s/>two<text:tab/>three"
                + "<text:line-break/>four<text:note><text:note-citation>1</text:note-citation>"
                + "<text:note-body><text:p>Footnote.</text:p></text:note-body></text:note></text:p>"
                + "<text:h text:outline-level=\"1\">Part B</text:h><text:list><text:list-item><text:p>Item"
                + "</text:p></text:list-item></text:list></office:text></office:body></office:document-content>");
        parts.put("meta.xml", "<office:document-meta " + ns + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta>"
                + "<dc:title>Open Book</dc:title><meta:initial-creator>Olga Open</meta:initial-creator>"
                + "<dc:language>nl</dc:language></office:meta></office:document-meta>");
        Path file = TestFiles.zip(tmp.resolve("a.odt"), parts);

        ExtractedDocument doc = new OdtExtractor().extract(file, DEFAULTS);

        assertEquals(List.of("Part A", "Part B"), chapters(doc));
        assertEquals(List.of("Part A", "One two three four", "Footnote."), doc.sections().get(0).paragraphs());
        assertEquals(List.of("Part B", "Item"), doc.sections().get(1).paragraphs());
        assertEquals("Open Book", doc.title());
        assertEquals("Olga Open", doc.stringAttribute(ExtractedDocument.AUTHOR));
        assertEquals("nl", doc.stringAttribute(ExtractedDocument.LANGUAGE));

        parts.put("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"m\"><manifest:file-entry "
                + "manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry>"
                + "</manifest:manifest>");
        Path locked = TestFiles.zip(tmp.resolve("locked.odt"), parts);
        assertFails(ExtractionException.ENCRYPTED, () -> new OdtExtractor().extract(locked, DEFAULTS));
    }

    static final String FB2 = """
            <?xml version="1.0" encoding="windows-1251"?>
            <FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">
            <description><title-info><genre>prose</genre>
              <author><first-name>Лев</first-name><middle-name>Николаевич</middle-name><last-name>Толстой</last-name></author>
              <book-title>Детство</book-title><annotation><p>Not body text.</p></annotation><lang>ru</lang>
            </title-info></description>
            <body><title><p>Лев Толстой</p><p>Детство</p></title>
              <section><title><p>Глава I</p><p>Учитель Карл Иваныч</p></title>
                <p>Двенадцатого августа 18…, ровно в третий день после дня моего рождения.</p>
                <poem><stanza><v>Строка один</v><v>Строка два</v></stanza></poem></section>
              <section><title><p>Глава II</p></title><p>Maman</p></section>
            </body>
            <body name="notes"><title><p>Примечания</p></title><section id="n1"><p>Сноска.</p></section></body>
            <binary id="cover.jpg" content-type="image/jpeg">QUJDRA==</binary>
            </FictionBook>
            """;

    @Test
    void fb2InWindows1251WithSectionsNotesAndMetadata() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.fb2"), FB2, Charset.forName("windows-1251"));
        ExtractedDocument doc = new Fb2Extractor("FB2").extract(file, DEFAULTS);
        assertFb2(doc);
        assertEquals("FB2", doc.stringAttribute(ExtractedDocument.FORMAT));
    }

    @Test
    void fbzIsAZippedFb2() throws Exception {
        Path file = TestFiles.zipBytes(tmp.resolve("a.fbz"), Map.of("book.fb2",
                FB2.getBytes(Charset.forName("windows-1251"))));
        ExtractedDocument doc = BookExtractors.forFormat("fbz").orElseThrow().extract(file, DEFAULTS);
        assertFb2(doc);
        assertEquals("FBZ", doc.stringAttribute(ExtractedDocument.FORMAT));
    }

    private static void assertFb2(ExtractedDocument doc) {
        assertEquals(Arrays.asList(null, "Глава I Учитель Карл Иваныч", "Глава II", "Примечания"), chapters(doc));
        assertEquals(List.of("Лев Толстой Детство"), doc.sections().get(0).paragraphs());
        assertEquals(List.of("Глава I Учитель Карл Иваныч",
                "Двенадцатого августа 18…, ровно в третий день после дня моего рождения.", "Строка один",
                "Строка два"), doc.sections().get(1).paragraphs());
        assertEquals(List.of("Примечания", "Сноска."), doc.sections().get(3).paragraphs());
        assertEquals("Детство", doc.title());
        assertEquals("Лев Николаевич Толстой", doc.stringAttribute(ExtractedDocument.AUTHOR));
        assertEquals("ru", doc.stringAttribute(ExtractedDocument.LANGUAGE));
        assertFalse(allText(doc).contains("QUJDRA") || allText(doc).contains("Not body text"));
    }

    @Test
    void fb2WithoutFictionBookRootIsCorrupt() throws Exception {
        Path file = Files.writeString(tmp.resolve("b.fb2"), "<?xml version=\"1.0\"?><html><p>x</p></html>");
        assertFails(ExtractionException.CORRUPT, () -> new Fb2Extractor("FB2").extract(file, DEFAULTS));
    }

    @Test
    void rtfWithUnicodeEscapesParagraphsAndInfo() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.rtf"), "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times;}}"
                + "{\\info{\\title Rich Book}{\\author Rita Rich}}\\f0 CHAPTER I\\par "
                + "\\u8220?Hello,\\u8221? said caf\\'e9 owner.\\par CHAPTER II\\par The end.\\par}",
                StandardCharsets.ISO_8859_1);
        ExtractedDocument doc = new RtfExtractor().extract(file, DEFAULTS);

        assertEquals(List.of("CHAPTER I", "CHAPTER II"), chapters(doc));
        assertEquals(List.of("CHAPTER I", "“Hello,” said café owner."), doc.sections().get(0).paragraphs());
        assertEquals("Rich Book", doc.title());
        assertEquals("Rita Rich", doc.stringAttribute(ExtractedDocument.AUTHOR));

        Path notRtf = Files.writeString(tmp.resolve("b.rtf"), "plain text pretending");
        assertFails(ExtractionException.CORRUPT, () -> new RtfExtractor().extract(notRtf, DEFAULTS));
        assertTrue(BookExtractors.supportedFormats().contains("RTF"));
    }
}
