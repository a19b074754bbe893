package io.alexandria.events;

import java.util.Arrays;

/**
 * Wall-clock time a host was busy ingesting: the length of the union of its documents' ingest
 * intervals, each {@code [timestamp − duration_sec, timestamp]} of an {@code ingest_complete}
 * event. The pipeline works on many documents at once (one extracts while another embeds and a
 * third uploads), so their durations overlap; summing them counts the same second several times
 * and makes throughput look many times slower than it was. Overlapping and touching intervals
 * are merged; a gap (the host idle between two syncs) counts nothing. Not thread-safe.
 */
final class BusyTime {
    /** Interval ends in ms since the epoch, {@code [start0, end0, start1, end1, …]}. */
    private long[] bounds = new long[64];
    private int size;

    /**
     * Adds one document's interval.
     *
     * @param endMs       its {@code ingest_complete} timestamp, ms since the epoch
     * @param durationSec its {@code duration_sec}, seconds (≤ 0 adds nothing)
     */
    void add(long endMs, double durationSec) {
        if (!(durationSec > 0)) {
            return;
        }
        if (size + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[size++] = endMs - Math.round(durationSec * 1000);
        bounds[size++] = endMs;
    }

    /** The length of the union of the intervals added, seconds. */
    double seconds() {
        int n = size / 2;
        long[][] intervals = new long[n][];
        for (int i = 0; i < n; i++) {
            intervals[i] = new long[] {bounds[2 * i], bounds[2 * i + 1]};
        }
        Arrays.sort(intervals, (a, b) -> Long.compare(a[0], b[0]));
        long total = 0;
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        for (long[] iv : intervals) {
            if (start == Long.MIN_VALUE || iv[0] > end) {
                total += start == Long.MIN_VALUE ? 0 : end - start;
                start = iv[0];
                end = iv[1];
            } else {
                end = Math.max(end, iv[1]);
            }
        }
        total += start == Long.MIN_VALUE ? 0 : end - start;
        return total / 1000.0;
    }
}
