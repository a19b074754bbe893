package io.alexandria.extraction.markdown;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Extractor;
import io.alexandria.extraction.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TEMPORARY STUB (replaced by the markdown branch). */
public final class MarkdownExtractor implements Extractor {
    @Override
    public ExtractedDocument extract(Path file, ExtractionLimits limits) throws ExtractionException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ExtractionException(ExtractionException.UNREADABLE, e.getMessage(), e);
        }
        List<String> paras = new ArrayList<>();
        for (String p : text.split("\n\\s*\n")) {
            if (!p.isBlank()) {
                paras.add(p.strip());
            }
        }
        return new ExtractedDocument(null, paras.isEmpty() ? List.of() : List.of(Section.ofHeadings(List.of(), paras)),
                Map.of(), List.of());
    }
}
