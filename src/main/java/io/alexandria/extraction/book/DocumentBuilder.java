package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what one extractor finds (metadata, sections, warnings) and builds the
 * {@link ExtractedDocument}. Metadata strings are normalised with {@link TextNormalizer}; blank
 * values are ignored, so attributes are present only where the file states them. Sections
 * without paragraphs are dropped.
 */
final class DocumentBuilder {
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String title;

    DocumentBuilder(String format) {
        attributes.put(ExtractedDocument.FORMAT, format);
    }

    DocumentBuilder title(String value) {
        title = clean(value);
        return this;
    }

    DocumentBuilder author(String value) {
        return attribute(ExtractedDocument.AUTHOR, clean(value));
    }

    DocumentBuilder language(String value) {
        return attribute(ExtractedDocument.LANGUAGE, clean(value));
    }

    /** Sets an attribute; a {@code null} value is ignored. */
    DocumentBuilder attribute(String key, Object value) {
        if (value != null) {
            attributes.put(key, value);
        }
        return this;
    }

    DocumentBuilder warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
        return this;
    }

    DocumentBuilder add(Section section) {
        if (!section.paragraphs().isEmpty()) {
            sections.add(section);
        }
        return this;
    }

    DocumentBuilder addAll(List<Section> more) {
        for (Section s : more) {
            add(s);
        }
        return this;
    }

    List<Section> sections() {
        return sections;
    }

    ExtractedDocument build() {
        return new ExtractedDocument(title, sections, attributes, warnings);
    }

    /** Normalised text, or {@code null} when {@code value} is null or blank. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String s = TextNormalizer.normalize(value);
        return s.isEmpty() ? null : s;
    }
}
