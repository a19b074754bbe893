package io.alexandria.sync;

import io.alexandria.events.EventPublisher;
import io.alexandria.events.EventService;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox drain: publishes queued events to {@code alexandria_events}; at most once a day it
 * also applies the retention ({@link EngineConfig#eventRetention()}, shared seed 000's "delete
 * events older than 1 year"), deleting old events by a filter.
 */
final class EventStage implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(EventStage.class);
    private static final Duration RETENTION_EVERY = Duration.ofDays(1);
    private final EventPublisher publisher;
    private final EngineParts parts;
    private final EventService events;
    private volatile long lastRetentionNanos = System.nanoTime() - RETENTION_EVERY.toNanos();

    EventStage(EventPublisher publisher, EngineParts parts, QdrantClient client) {
        this.publisher = publisher;
        this.parts = parts;
        this.events = new EventService(client);
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public boolean runOnce() {
        long t0 = System.nanoTime();
        int n = publisher.publishBatch();
        if (n == 0) {
            applyRetention();
        }
        if (n > 0) {
            RunStats s = parts.stats.get();
            s.eventsPublished.addAndGet(n);
            s.eventNanos.addAndGet(System.nanoTime() - t0);
        }
        return n > 0;
    }

    private void applyRetention() {
        Duration keep = parts.config.eventRetention();
        if (keep == null || System.nanoTime() - lastRetentionNanos < RETENTION_EVERY.toNanos()) {
            return;
        }
        lastRetentionNanos = System.nanoTime();
        if (!events.collectionExists()) {
            return;
        }
        long deleted = events.deleteOlderThan(keep);
        if (deleted > 0) {
            LOG.info("deleted {} events older than {} days", deleted, keep.toDays());
        }
    }
}
