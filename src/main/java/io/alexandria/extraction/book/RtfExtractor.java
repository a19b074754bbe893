package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.text.BadLocationException;
import javax.swing.text.rtf.RTFEditorKit;

/**
 * Extracts Rich Text Format ({@code .rtf}) with the JDK's {@code javax.swing.text.rtf.RTFEditorKit}
 * (no extra library; it handles {@code \\uN} Unicode escapes and code-page text). Each RTF
 * paragraph ({@code \\par}, and {@code \\line}) is one paragraph; chapters are split only at
 * obvious chapter headings ({@link TextChapters}). Title and author come from the
 * {@code {\\info{\\title …}{\\author …}}} group when it is plain text. The input is read through a
 * {@link GuardedInputStream}, so the deadline stops a long parse.
 *
 * <p>Errors: {@code CorruptFile} when the file does not start with the RTF signature, or the
 * reader fails; {@code NoText}, {@code TooLarge}, {@code TextTooLarge}, {@code ExtractionTimeout}, {@code FileMissing},
 * {@code FileUnreadable}. Thread-safe: each call uses its own editor kit.
 */
public final class RtfExtractor extends BookExtractor {
    private static final Pattern INFO = Pattern.compile("\\{\\\\(title|author)\\s+([^{}\\\\]+)}");

    /** An extractor that reports {@code FORMAT} as {@code RTF}. */
    public RtfExtractor() {
        super("RTF");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        String text;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(64 * 1024);
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            in.reset();
            if (!head.stripLeading().startsWith("{\\rtf")) {
                throw new ExtractionException(ExtractionException.CORRUPT, "not an RTF file: " + file.getFileName());
            }
            readInfo(head, doc);
            RTFEditorKit kit = new RTFEditorKit();
            var document = kit.createDefaultDocument();
            kit.read(new GuardedInputStream(in, guard), document, 0);
            text = document.getText(0, document.getLength());
        } catch (BadLocationException e) {
            throw new ExtractionException(ExtractionException.CORRUPT, "RTF reader failed: " + e, e);
        }
        List<String> paragraphs = new ArrayList<>();
        for (String line : text.split("\n")) {
            String clean = TextNormalizer.normalize(line);
            if (!clean.isEmpty()) {
                paragraphs.add(clean);
                guard.addChars(clean.length());
            }
        }
        doc.addAll(TextChapters.of(paragraphs));
        return doc.build();
    }

    private static void readInfo(String head, DocumentBuilder doc) {
        Matcher m = INFO.matcher(head);
        while (m.find()) {
            if (m.group(1).equals("title")) {
                doc.title(m.group(2));
            } else {
                doc.author(m.group(2));
            }
        }
    }
}
