package io.alexandria.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A host's busy time is the union of its documents' ingest intervals: documents in flight at the
 * same time (the pipeline extracts one while it embeds another) count their shared seconds once,
 * a gap between two syncs counts nothing — so throughput is chunks over wall-clock time, not over
 * summed, overlapping durations.
 */
class BusyTimeTest {
    private static final long T = 1_770_000_000_000L;

    @Test
    void overlappingIntervalsCountTheirSharedTimeOnce() {
        BusyTime busy = new BusyTime();
        // three documents ingested together over 10 s: [0,10], [2,10], [4,9]
        busy.add(T + 10_000, 10);
        busy.add(T + 10_000, 8);
        busy.add(T + 9_000, 5);
        assertEquals(10.0, busy.seconds(), 1e-9, "not 23 s");
    }

    @Test
    void gapsCountNothingAndTouchingIntervalsMerge() {
        BusyTime busy = new BusyTime();
        busy.add(T + 5_000, 5);          // [0,5]
        busy.add(T + 8_000, 3);          // [5,8] touches it
        busy.add(T + 100_000, 2);        // [98,100] after an idle gap
        busy.add(T + 99_500, 0.5);       // inside the last one
        busy.add(T + 50_000, 0);         // no duration: nothing
        assertEquals(10.0, busy.seconds(), 1e-9);
    }

    @Test
    void throughputIsChunksOverWallClockTime() {
        // 40 documents of 30 chunks each, each taking 20 s, a new one starting every 0.5 s
        BusyTime busy = new BusyTime();
        for (int i = 0; i < 40; i++) {
            busy.add(T + i * 500L + 20_000, 20);
        }
        double wall = busy.seconds();
        assertEquals(39 * 0.5 + 20, wall, 1e-9);
        HostStats h = new HostStats("h", 80, 40, 1200, 0, 40 * 20.0, wall, null);
        assertEquals(1200 / 39.5, h.chunksPerSecond(), 1e-9, "about 30 chunks/s, not 1.5 (1,200 / 800 s)");
        assertEquals(39.5 / 40, h.secondsPerDocument(), 1e-9);
        assertEquals(20.0, h.avgDocumentSec(), 1e-9, "one document's latency stays what it was");
    }

    @Test
    void nothingAddedIsNoTime() {
        assertEquals(0.0, new BusyTime().seconds());
        assertEquals(0.0, new HostStats("h", 1, 0, 0, 1, 0, 0, null).chunksPerSecond());
    }
}
