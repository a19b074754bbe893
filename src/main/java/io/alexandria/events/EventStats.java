package io.alexandria.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ingestion statistics, as the user's {@code get_stats()} plus per-host figures.
 *
 * <p>"Books ingested" keeps the shared log's meaning: the number of {@code ingest_complete} events, so a
 * document ingested again after a change counts again (it is ingest work done, not distinct
 * documents).
 *
 * @param totalBooksIngested {@code ingest_complete} events (count)
 * @param totalChunksCreated summed {@code chunks_created} of those events (count)
 * @param totalDurationSec   summed {@code duration_sec} of those events, seconds
 * @param totalEvents        events of any type (count)
 * @param eventsByType       events per {@code event_type} (count), most frequent first
 * @param hosts              per host, by host name in alphabetical order; every host that logged
 *                           any event
 */
public record EventStats(long totalBooksIngested, long totalChunksCreated, double totalDurationSec, long totalEvents,
                         Map<String, Long> eventsByType, Map<String, HostStats> hosts) {
    public EventStats {
        eventsByType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(eventsByType));
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    /** Seed 000's {@code total_duration_hours}: {@link #totalDurationSec()} / 3600. */
    public double totalDurationHours() {
        return totalDurationSec / 3600.0;
    }

    /** Seed 000's {@code avg_chunks_per_book}: chunks / books, 0 without books. */
    public double avgChunksPerBook() {
        return totalBooksIngested > 0 ? (double) totalChunksCreated / totalBooksIngested : 0;
    }

    /** {@code ingest_error} events (count). */
    public long totalErrors() {
        return eventsByType.getOrDefault(EventTypes.INGEST_ERROR, 0L);
    }

    /**
     * As JSON-ready maps. Seed 000's keys, exactly as {@code get_stats()}: {@code total_books_ingested},
     * {@code total_chunks_created}, {@code total_duration_hours}, {@code avg_chunks_per_book},
     * {@code by_hostname} → {host: {books, chunks}} (hosts with at least one complete event). Then
     * Alexandria's: {@code total_events}, {@code total_errors}, {@code events_by_type} → {type: count},
     * {@code hosts} → {host: {events, books, chunks, errors, duration_sec, busy_sec, chunks_per_sec,
     * sec_per_document, avg_document_sec, last_activity}} (see {@link HostStats}; {@code last_activity}
     * ISO-8601 UTC or null).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total_books_ingested", totalBooksIngested);
        out.put("total_chunks_created", totalChunksCreated);
        out.put("total_duration_hours", totalDurationHours());
        out.put("avg_chunks_per_book", avgChunksPerBook());
        Map<String, Object> byHost = new LinkedHashMap<>();
        hosts.forEach((name, h) -> {
            if (h.books() > 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("books", h.books());
                m.put("chunks", h.chunks());
                byHost.put(name, m);
            }
        });
        out.put("by_hostname", byHost);
        out.put("total_events", totalEvents);
        out.put("total_errors", totalErrors());
        out.put("events_by_type", eventsByType);
        Map<String, Object> hostsJson = new LinkedHashMap<>();
        hosts.forEach((name, h) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("events", h.events());
            m.put("books", h.books());
            m.put("chunks", h.chunks());
            m.put("errors", h.errors());
            m.put("duration_sec", h.durationSec());
            m.put("busy_sec", h.busySec());
            m.put("chunks_per_sec", h.chunksPerSecond());
            m.put("sec_per_document", h.secondsPerDocument());
            m.put("avg_document_sec", h.avgDocumentSec());
            m.put("last_activity", h.lastActivity() == null ? null : EventFactory.timestamp(h.lastActivity()));
            hostsJson.put(name, m);
        });
        out.put("hosts", hostsJson);
        return out;
    }
}
