package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Extracts plain text ({@code .txt}). The encoding is detected by {@link TextCharsets} (BOM,
 * UTF-16 shape, UTF-8 validity, then juniversalchardet for legacy code pages); the text is
 * streamed into paragraphs by {@link TextParagraphs} and split into chapters only where headings
 * are obvious ({@link TextChapters}); otherwise it is one section without a chapter title. A TXT
 * file states no metadata, so the title is {@code null}. Undecodable bytes become U+FFFD; when
 * that happens to a file that is mostly UTF-8, {@link ExtractedDocument#INVALID_UTF8} is set and a
 * warning added.
 *
 * <p>Errors: {@code FileMissing}, {@code FileUnreadable}, {@code TooLarge} (file bytes), {@code TextTooLarge} (text
 * characters), {@code NoText} (empty or only whitespace), {@code ExtractionTimeout} (checked per
 * 8 KiB of text read). Thread-safe: instances hold no state.
 */
public final class TextExtractor extends BookExtractor {

    /** An extractor that reports {@code FORMAT} as {@code TXT}. */
    public TextExtractor() {
        super("TXT");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        TextCharsets.Detected encoding = TextCharsets.detect(file, guard);
        if (encoding.invalidUtf8()) {
            doc.attribute(ExtractedDocument.INVALID_UTF8, Boolean.TRUE);
            doc.warn("invalid UTF-8 replaced with U+FFFD");
        }
        if (encoding.guessed()) {
            doc.warn("text encoding not detected; decoded as " + encoding.charset().name());
        }
        var decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        List<String> paragraphs;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomBytes());
            paragraphs = TextParagraphs.read(new BufferedReader(new InputStreamReader(in, decoder)), guard);
        }
        doc.addAll(TextChapters.of(paragraphs));
        return doc.build();
    }
}
