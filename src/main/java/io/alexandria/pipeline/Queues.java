package io.alexandria.pipeline;

import io.alexandria.store.Stage;
import java.time.Duration;
import java.util.Map;

/**
 * How much work waits in the durable pipeline at one moment (the queue lengths of
 * {@code docs/architecture.md}, "Pipeline stages and transitions").
 *
 * @param documentsByStage documents per stage, every {@link Stage} present ({@code IDLE}: nothing to do)
 * @param chunksToEmbed    pending chunks without a vector of the model in use
 * @param outboxDepth      events in the outbox, those set aside after too many rejections included
 * @param eventsToPublish  events due now that the publisher will still try (fewer than its attempt limit)
 * @param pointDeletes     point deletions waiting for Qdrant
 * @param oldestWaiting    age of the oldest document with work in flight, or null when none waits
 */
public record Queues(Map<Stage, Integer> documentsByStage, int chunksToEmbed, int outboxDepth, int eventsToPublish,
                     int pointDeletes, Duration oldestWaiting) {
    public Queues {
        documentsByStage = Map.copyOf(documentsByStage);
    }

    /** Nothing queued at all. */
    public static Queues empty() {
        return new Queues(Map.of(), 0, 0, 0, 0, null);
    }

    /** Documents with work in flight (every stage but {@code IDLE}). */
    public int documentsWaiting() {
        int n = 0;
        for (var e : documentsByStage.entrySet()) {
            if (e.getKey().hasWork()) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** Whether any document, event or point deletion still waits for a stage. */
    public boolean hasWork() {
        return documentsWaiting() > 0 || eventsToPublish > 0 || pointDeletes > 0;
    }
}
