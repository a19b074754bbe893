package io.alexandria.app;

import io.alexandria.events.EventService;
import io.alexandria.health.HealthService;
import io.alexandria.search.SearchService;
import io.alexandria.sync.SyncEngine;

/**
 * One assembled engine and the services beside it, over the same ledger, model and Qdrant client
 * — what {@link EngineBootstrap#open} gives the window, the CLI and {@code watch} alike. The engine
 * owns those parts; closing the assembly closes the engine (and with it the database, the model,
 * the client and the engine lock). Verify and repair is {@link SyncEngine#verifyAndRepair()}.
 *
 * @param engine  the engine (not started)
 * @param health  sync health of this data directory, reporting the active model's queue and the engine's state
 * @param search  search with the active model
 * @param events  the event history in Qdrant
 * @param sources makes the sources to add to the engine
 */
public record Assembly(SyncEngine engine, HealthService health, SearchService search, EventService events,
                       SourceFactory sources) implements AutoCloseable {
    /** Closes the engine (see {@link SyncEngine#close()}). */
    @Override
    public void close() {
        engine.close();
    }
}
