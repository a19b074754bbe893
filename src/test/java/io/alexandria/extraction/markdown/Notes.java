package io.alexandria.extraction.markdown;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers for reading {@link ExtractedDocument}s in tests. */
final class Notes {
    private Notes() {
    }

    static ExtractedDocument parse(String markdown) {
        return NoteParser.parse(markdown);
    }

    static List<String> paragraphs(ExtractedDocument doc) {
        List<String> out = new ArrayList<>();
        for (Section s : doc.sections()) {
            out.addAll(s.paragraphs());
        }
        return out;
    }

    static List<String> paragraphs(String markdown) {
        return paragraphs(parse(markdown));
    }

    static String text(ExtractedDocument doc) {
        return String.join("\n\n", paragraphs(doc));
    }

    static String text(String markdown) {
        return text(parse(markdown));
    }

    static List<String> tags(String markdown) {
        return parse(markdown).listAttribute(ExtractedDocument.TAGS);
    }

    static List<String> links(String markdown) {
        return parse(markdown).listAttribute(ExtractedDocument.LINKS);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> frontmatter(ExtractedDocument doc) {
        return (Map<String, String>) doc.attributes().get(ExtractedDocument.FRONTMATTER);
    }
}
