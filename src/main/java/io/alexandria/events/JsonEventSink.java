package io.alexandria.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.alexandria.common.Json;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON export: one array of event payloads exactly as stored (values and their types untouched;
 * keys in {@link EventFields}' order), pretty-printed, written as it goes.
 */
final class JsonEventSink implements EventSink {
    private final JsonGenerator generator;

    JsonEventSink(Writer out) throws IOException {
        generator = Json.MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter();
        generator.writeStartArray();
    }

    @Override
    public void write(EventRecord event) throws IOException {
        Json.MAPPER.writeValue(generator, event.payload());
    }

    @Override
    public void close() throws IOException {
        generator.writeEndArray();
        generator.writeRaw("\n");
        generator.close();
    }
}
