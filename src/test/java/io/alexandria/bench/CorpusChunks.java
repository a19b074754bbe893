package io.alexandria.bench;

import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.chunking.TokenCounter;
import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.keywords.TextLanguage;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus's chunks as the engine makes them (the source's extraction, the model-token chunker
 * with the default options, the title as the extract stage chooses it), without embedding and
 * without Qdrant: for measuring the keyword leg alone.
 */
final class CorpusChunks {
    private CorpusChunks() {
    }

    /**
     * One chunk with what its point's payload would carry.
     *
     * @param document the document as the question files name it ({@link EvalCorpus#documentOf})
     * @param language       the document's language hint: a {@code lang}/{@code language} tag when
     *                       the document states one, else {@link TextLanguage#detect} over its whole
     *                       text
     * @param embeddingInput what the engine embeds ({@link Chunk#embeddingInput()})
     */
    record ChunkText(String document, String title, List<String> headingPath, String text, TextLanguage language,
                     String embeddingInput) {
    }

    /**
     * Extracts and chunks every document of {@code copy} (a copy of {@code corpus}'s folder).
     * Documents that fail extraction are skipped with a line on stdout.
     */
    static List<ChunkText> load(EvalCorpus corpus, Path copy, TokenCounter counter) throws Exception {
        DocumentSource source = corpus.source(copy);
        Chunker chunker = new Chunker(counter, ChunkingOptions.defaults());
        List<ChunkText> out = new ArrayList<>();
        for (SourceItem item : source.list().items()) {
            var f = item.facts();
            io.alexandria.sources.DocumentFile row = new io.alexandria.sources.DocumentFile(f.filePath(), f.format());
            ExtractedDocument doc;
            try {
                doc = source.extract(row, ExtractionLimits.defaults());
            } catch (ExtractionException e) {
                System.out.println("  skipped " + f.filePath() + ": " + e.getMessage());
                continue;
            }
            Map<String, Object> payload = new LinkedHashMap<>(source.contentPayload(row, doc));
            payload.putAll(Json.readMap(f.metadataJson()));
            Object t = payload.get("title");
            String title = t != null ? t.toString() : f.title();
            payload.put("title", title);
            payload.put("file_path", f.filePath());
            String document = corpus.documentOf(payload);
            List<Chunk> chunks = chunker.chunk(doc);
            TextLanguage language = languageOf(doc, payload, title, chunks);
            for (Chunk c : chunks) {
                out.add(new ChunkText(document, title, c.headingPath(), c.text(), language, c.embeddingInput()));
            }
        }
        return out;
    }

    private static TextLanguage languageOf(ExtractedDocument doc, Map<String, Object> payload, String title,
                                           List<Chunk> chunks) {
        Object fm = doc.attributes().get(ExtractedDocument.FRONTMATTER);
        if (fm instanceof Map<?, ?> m) {
            for (String key : List.of("lang", "language")) {
                if (m.get(key) != null) {
                    var l = TextLanguage.fromTag(m.get(key).toString());
                    if (l.isPresent()) {
                        return l.get();
                    }
                }
            }
        }
        if (payload.get("language") != null) {
            var l = TextLanguage.fromTag(payload.get("language").toString());
            if (l.isPresent()) {
                return l.get();
            }
        }
        StringBuilder all = new StringBuilder(title == null ? "" : title);
        for (Chunk c : chunks) {
            all.append('\n').append(c.text());
        }
        return TextLanguage.detect(all);
    }
}
