package io.alexandria.bench;

import io.alexandria.config.Settings;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.book.BookExtractors;
import io.alexandria.sources.calibre.CalibreSource;
import io.alexandria.sources.calibre.FormatPreference;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Issue #3's benchmark: extraction speed per book file, then a full sync of the corpus library. */
final class LibraryBenchmark {
    private LibraryBenchmark() {
    }

    static void run() throws Exception {
        Path corpus = Corpus.root();
        List<Path> books;
        try (Stream<Path> s = Files.list(corpus.resolve("books"))) {
            books = s.sorted().toList();
        }
        for (Path book : books) {
            var extractor = BookExtractors.formatOf(book).flatMap(BookExtractors::forFormat).orElseThrow();
            extractor.extract(book, ExtractionLimits.defaults());
            int runs = 5;
            long t0 = System.nanoTime();
            ExtractedDocument d = null;
            for (int i = 0; i < runs; i++) {
                d = extractor.extract(book, ExtractionLimits.defaults());
            }
            double sec = (System.nanoTime() - t0) / 1e9 / runs;
            Object pages = d.attributes().get(ExtractedDocument.PAGES);
            System.out.printf("extract %-70s %,12.0f chars/s%s%n", book.getFileName(), d.characters() / sec,
                    pages == null ? "" : String.format(", %.0f pages/s", ((Number) pages).doubleValue() / sec));
        }
        Path tmp = Files.createTempDirectory("alexandria-bench-library");
        Path library = Corpus.copy(corpus.resolve("calibre-library"), tmp.resolve("library"));
        try (BenchSupport.Target target = new BenchSupport.Target();
             SyncEngine engine = BenchSupport.engine(tmp.resolve("data"), target, "bench-host")) {
            engine.addSource(new CalibreSource(library.toAbsolutePath().normalize(),
                    FormatPreference.parse(Settings.defaults().formatPreference()), null)); // a fresh ledger knows no library
            engine.start("sync");
            long t0 = System.nanoTime();
            SyncSummary s = engine.syncNow(false, Duration.ofHours(2));
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("library: %d books, %d chunks in %.1f s wall: %.1f chunks/s; embed stage %.1f chunks/s%n",
                    s.documents(), s.chunks(), wall, s.chunks() / wall,
                    s.chunksEmbedded() / Math.max(0.001, s.stageSeconds().get("embed")));
            System.out.println("seconds per stage " + s.stageSeconds());
            System.out.println(BenchSupport.memory());
        }
    }
}
