package io.alexandria.sync;

import io.alexandria.events.EventPublisher;

/** The outbox drain: publishes queued events to {@code alexandria_events}. */
final class EventStage implements PipelineStage {
    private final EventPublisher publisher;
    private final EngineParts parts;

    EventStage(EventPublisher publisher, EngineParts parts) {
        this.publisher = publisher;
        this.parts = parts;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public boolean runOnce() {
        long t0 = System.nanoTime();
        int n = publisher.publishBatch();
        if (n > 0) {
            RunStats s = parts.stats.get();
            s.eventsPublished.addAndGet(n);
            s.eventNanos.addAndGet(System.nanoTime() - t0);
        }
        return n > 0;
    }
}
