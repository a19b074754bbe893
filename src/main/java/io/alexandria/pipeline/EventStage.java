package io.alexandria.pipeline;

import io.alexandria.events.EventPublisher;
import io.alexandria.events.EventService;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox drain: publishes queued events to {@code alexandria_events}; at most once a day it
 * also applies the retention (events older than a configured age, by default a year, are deleted
 * by a filter; {@code docs/architecture.md}, "Events").
 */
final class EventStage implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(EventStage.class);
    private static final Duration RETENTION_EVERY = Duration.ofDays(1);
    private final EventPublisher publisher;
    private final EventService events;
    private final Duration retention;
    private final Supplier<RunStats> stats;
    private final PipelineObserver observer;
    private volatile long lastRetentionNanos = System.nanoTime() - RETENTION_EVERY.toNanos();

    /**
     * @param retention events older than this are deleted, or null to keep every event
     * @param observer  told how many events each published batch held
     */
    EventStage(EventPublisher publisher, EventService events, Duration retention, Supplier<RunStats> stats,
               PipelineObserver observer) {
        this.publisher = publisher;
        this.events = events;
        this.retention = retention;
        this.stats = stats;
        this.observer = observer;
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
            RunStats s = stats.get();
            s.eventsPublished.addAndGet(n);
            s.eventNanos.addAndGet(System.nanoTime() - t0);
            try {
                observer.eventsPublished(n);
            } catch (RuntimeException e) {
                LOG.warn("an observer failed on {} published events (publishing goes on)", n, e);
            }
        }
        return n > 0;
    }

    private void applyRetention() {
        Duration keep = retention;
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
