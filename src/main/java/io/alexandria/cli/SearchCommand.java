package io.alexandria.cli;

import io.alexandria.app.ReadServices;
import io.alexandria.common.Json;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantException;
import io.alexandria.search.SearchHit;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code search "TEXT"}: embeds the question and prints the nearest chunks. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the indexed chunks.")
public final class SearchCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Parameters(paramLabel = "TEXT", description = "What to look for.")
    String text;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many results (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of {score, title, source, source_id, file_path, text}.")
    boolean json;

    @Override
    public Integer call() throws EmbeddingException {
        if (limit <= 0) {
            throw new CliException("--limit must be positive");
        }
        QdrantEndpoint endpoint = services.endpoint();
        List<SearchHit> hits;
        // the active model: the one the indexed collection was built with
        try (ReadServices read = services.readOnly(Duration.ofSeconds(30))) {
            hits = read.search().search(text, limit, null);
        } catch (QdrantException e) {
            if (e.status().getCode() == Status.Code.NOT_FOUND) {
                throw new CliException("nothing is indexed yet in Qdrant at " + endpoint.url() + " (run sync first)");
            }
            if (e.isAuthFailure()) {
                throw new CliException("Qdrant at " + endpoint.url() + " refused the API key");
            }
            throw new CliException("Qdrant unreachable at " + endpoint.url() + " (" + e.status().getCode() + ")");
        }
        if (json) {
            System.out.println(Json.write(hits.stream().map(SearchHit::toJson).toList()));
            return 0;
        }
        int i = 1;
        for (SearchHit h : hits) {
            String where = h.heading() != null && !h.heading().isEmpty() ? " › " + h.heading()
                    : h.page() != null ? " › page " + h.page() : "";
            System.out.printf("%2d. %.3f  %s%s  [%s:%s]%n", i++, h.score(), h.title(), where, h.source(), h.sourceId());
            String snippet = h.text().replaceAll("\\s+", " ");
            System.out.println("      " + (snippet.length() > 240 ? snippet.substring(0, 240) + "…" : snippet));
        }
        if (hits.isEmpty()) {
            System.out.println("no results");
        }
        return 0;
    }
}
