package io.alexandria.sources.calibre;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-scope benchmark: generates a synthetic library and times {@link CalibreLibrary#books()}.
 * Usage: {@code java -cp <test classpath> io.alexandria.sources.calibre.SyntheticLibraryBenchmark [books] [runs]}
 * (default 50,000 books, 5 timed runs after 2 warm-up runs).
 */
public final class SyntheticLibraryBenchmark {
    private SyntheticLibraryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int books = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("alexandria-calibre-bench");
        try {
            long t0 = System.nanoTime();
            SyntheticCalibreLibrary.Counts counts = SyntheticCalibreLibrary.create(dir, books, 1);
            System.out.printf("generated %,d books in %,d ms: %s; metadata.db %,d bytes%n", books,
                    (System.nanoTime() - t0) / 1_000_000, counts, Files.size(dir.resolve("metadata.db")));

            long t1 = System.nanoTime();
            CalibreLibrary library = CalibreLibrary.open(dir);
            System.out.printf("open (validation + library id): %,d ms%n", (System.nanoTime() - t1) / 1_000_000);

            long cold = System.nanoTime();
            int n = library.books().size();
            System.out.printf("first read (cold JVM): %,d books in %,d ms%n", n, (System.nanoTime() - cold) / 1_000_000);
            library.books();
            long[] times = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                List<CalibreBook> read = library.books();
                times[i] = (System.nanoTime() - t) / 1_000_000;
                if (read.size() != books) {
                    throw new IllegalStateException("read " + read.size() + " books");
                }
            }
            Arrays.sort(times);
            System.out.printf("books() of %,d books, %d warm runs: min %,d ms, median %,d ms, max %,d ms%n", books,
                    runs, times[0], times[runs / 2], times[runs - 1]);
            List<CalibreBook> all = library.books();
            long hashes = System.nanoTime();
            all.forEach(CalibreBook::metadataHash);
            System.out.printf("metadataHash() of all: %,d ms%n", (System.nanoTime() - hashes) / 1_000_000);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
