package io.alexandria.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;

/** Items per second over a sliding window (thread-safe). */
final class Throughput {
    private final long windowNanos;
    private final Deque<long[]> samples = new ArrayDeque<>();

    Throughput(long windowSeconds) {
        this.windowNanos = windowSeconds * 1_000_000_000L;
    }

    synchronized void record(long items) {
        long now = System.nanoTime();
        samples.addLast(new long[] {now, items});
        trim(now);
    }

    synchronized double perSecond() {
        long now = System.nanoTime();
        trim(now);
        if (samples.isEmpty()) {
            return 0;
        }
        long total = 0;
        for (long[] s : samples) {
            total += s[1];
        }
        long span = Math.max(now - samples.peekFirst()[0], 1_000_000_000L);
        return total * 1e9 / span;
    }

    private void trim(long now) {
        while (!samples.isEmpty() && now - samples.peekFirst()[0] > windowNanos) {
            samples.removeFirst();
        }
    }
}
