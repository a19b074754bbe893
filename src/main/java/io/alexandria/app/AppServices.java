package io.alexandria.app;

import io.alexandria.config.Settings;
import io.alexandria.events.EventService;
import io.alexandria.health.HealthService;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.search.SearchService;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncWatcher;

/**
 * What one assembled session offers: the one engine, its watcher (null when watching is off) and
 * the read services (health, search, events) over the same ledger and Qdrant client. Every accessor of a blocking service
 * refuses the JavaFX thread ({@link ThreadGuard}): the window reaches these only through
 * {@link AppSession#call}, on a background thread.
 *
 * @param settings the settings in effect
 * @param endpoint the Qdrant endpoint (its API key is never printed)
 * @param hostname the name points and events carry
 */
public record AppServices(Settings settings, QdrantEndpoint endpoint, String hostname, SyncEngine engine,
                          SyncWatcher watcher, HealthService health, SearchService search,
                          EventService events) {

    /** The engine (blocking calls: never on the JavaFX thread). */
    @Override
    public SyncEngine engine() {
        ThreadGuard.check("the sync engine");
        return engine;
    }

    /** The watcher, or null when watching is off. */
    @Override
    public SyncWatcher watcher() {
        ThreadGuard.check("the watcher");
        return watcher;
    }

    /** Sync health (a Qdrant probe plus ledger queries). */
    @Override
    public HealthService health() {
        ThreadGuard.check("the health service");
        return health;
    }

    /** Search (embeds the question, queries Qdrant). */
    @Override
    public SearchService search() {
        ThreadGuard.check("the search service");
        return search;
    }

    /** The event history in Qdrant (queries, statistics, export). */
    @Override
    public EventService events() {
        ThreadGuard.check("the events service");
        return events;
    }

    @Override
    public String toString() {
        return "AppServices[" + endpoint + ", host " + hostname + ", watching " + (watcher != null) + "]";
    }
}
