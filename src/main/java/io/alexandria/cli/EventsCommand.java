package io.alexandria.cli;

import io.alexandria.common.Json;
import io.alexandria.events.EventPage;
import io.alexandria.events.EventQuery;
import io.alexandria.events.EventRecord;
import io.alexandria.events.EventService;
import io.alexandria.events.EventTypes;
import io.alexandria.events.ExportFormat;
import io.alexandria.events.PageCursor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code events}: the shared event log, newest first (as the user's {@code view_events.py} lists it), with
 * filters; {@code --json} prints the payloads exactly as stored, {@code --export} writes CSV or
 * JSON. Exit codes: 0 done, 1 error (one line on stderr).
 */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the ingest events every host logged to Qdrant, newest first.")
public final class EventsCommand implements Callable<Integer> {
    /** Events listed without {@code --limit}, as the user's {@code view_events.py} lists them. */
    static final int DEFAULT_LIMIT = 20;
    private static final int PAGE = 1_000;

    @Spec
    CommandSpec spec;
    @Mixin
    ServiceOptions services;

    @Option(names = "--limit", paramLabel = "N",
            description = "How many events (default: " + DEFAULT_LIMIT + "; with --export: all that match).")
    Integer limit;

    @Option(names = "--type", paramLabel = "TYPE", split = ",",
            description = "Only these types: start, complete, error, delete, recreate (repeat or comma-separate).")
    List<String> types = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST", description = "Only events of this host name.")
    String host;

    @Option(names = "--source", paramLabel = "SOURCE", description = "Only events of this source (calibre, obsidian).")
    String source;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only events of this sync/watch run.")
    String run;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only events at or after WHEN: 2026-02-08, 2026-02-08T15:45:00Z, or an age such as 24h, 7d.")
    String since;

    @Option(names = "--until", paramLabel = "WHEN",
            description = "Only events before WHEN (a date: up to the end of that day); same forms as --since.")
    String until;

    @Option(names = "--title", paramLabel = "TEXT", description = "Only events whose title contains these words.")
    String title;

    @Option(names = "--json", description = "Print a JSON array of the event payloads exactly as stored.")
    boolean json;

    @Option(names = "--delete-older-than", paramLabel = "AGE",
            description = "Retention: delete the events older than AGE (e.g. 365d, 52w, or a date) and exit. "
                    + "The app and watch apply the settings' retention (default 365 days) by themselves.")
    String deleteOlderThan;

    @Option(names = "--export", paramLabel = "FILE",
            description = "Write the matching events to FILE.csv or FILE.json instead of printing them.")
    Path export;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit <= 0) {
            throw new CliException("--limit must be positive");
        }
        if (export != null) {
            try {
                ExportFormat.of(export);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (deleteOlderThan != null) {
            Instant cutoff = TimeArgument.since(deleteOlderThan, Instant.now());
            EventsCli.run(services, service -> {
                long n = service.deleteBefore(cutoff);
                out.println(json ? Json.write(Map.of("deleted", n, "before", cutoff.toString()))
                        : "Deleted " + n + " event" + (n == 1 ? "" : "s") + " older than " + cutoff);
                return null;
            });
            out.flush();
            return 0;
        }
        EventQuery query = query(Instant.now());
        EventsCli.run(services, service -> {
            if (export != null) {
                long n;
                try {
                    n = service.export(query, limit == null ? Long.MAX_VALUE : limit, export);
                } catch (java.io.IOException e) {
                    throw new CliException("cannot write " + export + ": " + e.getMessage());
                }
                if (json) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("exported", n);
                    r.put("file", export.toAbsolutePath().toString());
                    out.println(Json.write(r));
                } else {
                    out.println("Exported " + n + " event" + (n == 1 ? "" : "s") + " to " + export.toAbsolutePath());
                }
                return null;
            }
            list(service, query, out);
            return null;
        });
        out.flush();
        return 0;
    }

    private void list(EventService service, EventQuery query, PrintWriter out) {
        int wanted = limit == null ? DEFAULT_LIMIT : limit;
        List<EventRecord> events = new ArrayList<>();
        PageCursor after = null;
        boolean more;
        do {
            EventPage page = service.page(query, Math.min(PAGE, wanted - events.size()), after);
            events.addAll(page.events());
            more = page.hasMore();
            after = page.next();
        } while (more && events.size() < wanted);
        if (json) {
            out.println(Json.write(events.stream().map(EventRecord::payload).toList()));
            return;
        }
        String typeNote = types.isEmpty() ? "" : " (" + String.join(", ", types) + ")";
        out.println("=== Recent Events" + typeNote + " (showing " + events.size() + ") ===");
        if (events.isEmpty()) {
            out.println("no events match");
            return;
        }
        EventTable.print(out, events);
        if (more) {
            out.println("(more events match: raise --limit or narrow the filters)");
        }
    }

    EventQuery query(Instant now) {
        List<String> full = new ArrayList<>();
        for (String t : types) {
            try {
                full.add(EventTypes.fromShort(t.strip()));
            } catch (IllegalArgumentException e) {
                throw new CliException("--type: " + e.getMessage());
            }
        }
        Instant from = since == null ? null : TimeArgument.since(since, now);
        Instant to = until == null ? null : TimeArgument.until(until, now);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new CliException("--since must be before --until");
        }
        return EventQuery.all().withTypes(full).withHostname(host).withSource(source).withRunId(run)
                .withSince(from).withUntil(to).withTitleText(title);
    }
}
