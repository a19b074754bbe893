package io.alexandria.events;

import java.time.Duration;
import java.time.Instant;

/**
 * One sync or watch session ({@code run_id}) as its events tell it.
 *
 * @param runId              the {@code run_id}
 * @param hostname           the host of the run's first event
 * @param start              the first event's timestamp
 * @param end                the last event's timestamp
 * @param events             events of any type in the run (count)
 * @param documentsStarted   {@code ingest_start} events (count)
 * @param documentsCompleted {@code ingest_complete} events (count)
 * @param errors             {@code ingest_error} events (count)
 * @param deletes            {@code book_delete} events (count)
 * @param chunks             summed {@code chunks_created} of the complete events (count)
 */
public record RunSummary(String runId, String hostname, Instant start, Instant end, long events,
                         long documentsStarted, long documentsCompleted, long errors, long deletes, long chunks) {
    /** Wall time from the first to the last event. */
    public Duration elapsed() {
        return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
    }
}
