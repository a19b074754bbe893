package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits plain text into paragraphs as it streams in, never holding more than one paragraph
 * besides the finished ones. A paragraph ends at a blank line (only whitespace or invisible
 * characters) or a form feed, and before a line that starts with indentation (a tab or two
 * spaces) when the paragraph so far is not itself indented: typewriter-style text marks
 * paragraphs by indenting their first line. Lines inside a paragraph are joined with a space;
 * leading tabs and spaces are trimmed. Every kept character counts against the text budget, and
 * one paragraph may not grow past it either (a file without line breaks).
 */
final class TextParagraphs {
    private static final int CHUNK = 8192;

    private final ExtractionGuard guard;
    private final List<String> paragraphs = new ArrayList<>();
    private final StringBuilder paragraph = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private boolean paragraphIndented;

    private TextParagraphs(ExtractionGuard guard) {
        this.guard = guard;
    }

    /** Reads {@code reader} to its end and returns the paragraphs, normalised and non-blank. */
    static List<String> read(Reader reader, ExtractionGuard guard) throws IOException, ExtractionException {
        TextParagraphs p = new TextParagraphs(guard);
        char[] buf = new char[CHUNK];
        boolean lastWasCr = false;
        int n;
        while ((n = reader.read(buf)) >= 0) {
            guard.checkDeadline();
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n' && lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                lastWasCr = c == '\r';
                if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u0085') {
                    p.endLine();
                } else if (c == '\f' || c == '\u2029') {
                    p.endLine();
                    p.endParagraph();
                } else {
                    p.line.append(c);
                }
            }
            if (p.line.length() + p.paragraph.length() > guard.limits().maxTextChars()) {
                guard.checkChars(guard.chars() + p.line.length() + p.paragraph.length());
            }
        }
        p.endLine();
        p.endParagraph();
        return p.paragraphs;
    }

    private void endLine() throws ExtractionException {
        boolean indented = line.length() > 0 && (line.charAt(0) == '\t'
                || (line.length() > 1 && line.charAt(0) == ' ' && line.charAt(1) == ' '));
        String text = TextNormalizer.normalize(line);
        line.setLength(0);
        if (text.isEmpty()) {
            endParagraph();
            return;
        }
        if (indented && !paragraphIndented && !paragraph.isEmpty()) {
            endParagraph();
        }
        if (paragraph.isEmpty()) {
            paragraphIndented = indented;
        } else {
            paragraph.append(' ');
        }
        paragraph.append(text);
    }

    private void endParagraph() throws ExtractionException {
        if (paragraph.isEmpty()) {
            return;
        }
        String text = paragraph.toString();
        paragraph.setLength(0);
        paragraphs.add(text);
        guard.addChars(text.length());
    }
}
