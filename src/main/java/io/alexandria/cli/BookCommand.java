package io.alexandria.cli;

import io.alexandria.common.Json;
import io.alexandria.events.EventRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code book SOURCE:ID}: one document's event history, oldest first (as the user's
 * {@code view_events.py --book}). The argument is split on its first ':' only, so vault paths may
 * contain more: {@code obsidian:Folder/Note: draft.md}.
 */
@Command(name = "book", mixinStandardHelpOptions = true,
        description = "Show one document's event history, oldest first.")
public final class BookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServiceOptions services;

    @Parameters(paramLabel = "SOURCE:ID",
            description = "The document, e.g. calibre:42 or obsidian:Folder/Note.md (split on the first ':').")
    String document;

    @Option(names = "--json", description = "Print a JSON array of the event payloads exactly as stored.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int colon = document.indexOf(':');
        if (colon <= 0 || colon == document.length() - 1) {
            throw new CliException("expected SOURCE:ID, e.g. calibre:42 or obsidian:Folder/Note.md, was: " + document);
        }
        String source = document.substring(0, colon);
        String sourceId = document.substring(colon + 1);
        List<EventRecord> events = EventsCli.run(services, service -> service.history(source, sourceId));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(events.stream().map(EventRecord::payload).toList()));
        } else if (events.isEmpty()) {
            out.println("no events for " + source + ":" + sourceId);
        } else {
            out.println("=== History for " + source + ":" + sourceId + " (" + events.size() + " event"
                    + (events.size() == 1 ? "" : "s") + ") ===");
            EventTable.print(out, events);
        }
        out.flush();
        return 0;
    }
}
