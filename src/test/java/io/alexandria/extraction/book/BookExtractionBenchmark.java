package io.alexandria.extraction.book;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.testsupport.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput of book extraction on the corpus books: for each file in {@code corpus/books}, a
 * few warm-up runs, then timed runs; prints characters extracted per second (and pages per second
 * for PDFs). Not a test: run it with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.alexandria.extraction.book.BookExtractionBenchmark [-Dexec.args="warmup runs"]}.
 */
public final class BookExtractionBenchmark {
    private BookExtractionBenchmark() {
    }

    /** PDFBox logs every font at DEBUG under logback's default; that would be timed too. */
    private static void quietLibraryLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: warm-up runs (default 3) and timed runs (default 5) per book
     */
    public static void main(String[] args) throws IOException, ExtractionException {
        quietLibraryLogging();
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Corpus.root();
        List<Path> books;
        try (Stream<Path> s = Files.list(root.resolve("books"))) {
            books = s.filter(Files::isRegularFile).sorted().toList();
        }
        ExtractionLimits limits = ExtractionLimits.defaults();
        System.out.printf(Locale.ROOT, "%-72s %6s %10s %9s %12s %9s%n", "book", "format", "chars", "ms/run",
                "chars/s", "pages/s");
        for (Path book : books) {
            if (BookExtractors.formatOf(book).flatMap(BookExtractors::forFormat).isEmpty()) {
                continue;
            }
            ExtractedDocument doc = null;
            for (int i = 0; i < warmup; i++) {
                doc = BookExtractors.extract(book, limits);
            }
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                doc = BookExtractors.extract(book, limits);
            }
            double seconds = (System.nanoTime() - start) / 1e9 / runs;
            Object pages = doc.attributes().get(ExtractedDocument.PAGES);
            System.out.printf(Locale.ROOT, "%-72s %6s %10d %9.1f %12.0f %9s%n", book.getFileName(),
                    doc.stringAttribute(ExtractedDocument.FORMAT), doc.characters(), seconds * 1000,
                    doc.characters() / seconds,
                    pages instanceof Integer p ? String.format(Locale.ROOT, "%.0f", p / seconds) : "-");
        }
    }
}
