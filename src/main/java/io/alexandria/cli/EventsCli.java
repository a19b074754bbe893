package io.alexandria.cli;

import io.alexandria.app.ReadServices;
import io.alexandria.events.EventService;
import io.alexandria.events.EventsCollection;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantException;
import io.grpc.Status;
import java.time.Duration;

/**
 * What the {@code events}, {@code stats} and {@code book} commands share: connecting to Qdrant,
 * making sure the events collection has its indexes, and turning Qdrant failures into one-line
 * {@link CliException}s (no events yet, API key refused, unreachable).
 */
final class EventsCli {
    /** Deadline of each Qdrant call. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Work done with an {@link EventService}. */
    @FunctionalInterface
    interface Work<T> {
        T run(EventService service) throws Exception;
    }

    private EventsCli() {
    }

    /**
     * Runs {@code work} against the events of the Qdrant the options name.
     *
     * @throws CliException for bad options and for every Qdrant failure, as one line
     */
    static <T> T run(ServiceOptions options, Work<T> work) throws Exception {
        QdrantEndpoint endpoint = options.endpoint();
        try (ReadServices services = options.readOnly(TIMEOUT)) {
            EventService service = services.events();
            service.ensureIndexes();
            return work.run(service);
        } catch (QdrantException e) {
            throw translate(e, endpoint);
        }
    }

    static CliException translate(QdrantException e, QdrantEndpoint endpoint) {
        if (e.status().getCode() == Status.Code.NOT_FOUND) {
            return new CliException("no events yet in Qdrant at " + endpoint.url() + " (the collection "
                    + EventsCollection.NAME + " does not exist; run sync first)");
        }
        if (e.isAuthFailure()) {
            return new CliException("Qdrant at " + endpoint.url() + " refused the API key (" + e.status().getCode()
                    + ")");
        }
        if (e.isTransient()) {
            return new CliException("Qdrant unreachable at " + endpoint.url() + " (" + e.status().getCode() + ")");
        }
        String why = e.status().getDescription() == null ? "" : ": " + e.status().getDescription().lines()
                .findFirst().orElse("");
        return new CliException("Qdrant at " + endpoint.url() + " failed (" + e.status().getCode() + why + ")");
    }
}
