package io.alexandria.events;

import io.alexandria.common.Json;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV export via Apache Commons CSV ({@link CSVFormat#RFC4180}). Columns, always the same and in
 * this order: {@link EventFields#ALL} (the shared schema's fields first), then {@code event_id} (the point
 * id) and {@code other} (any further payload fields as one JSON object, empty when none). Cells:
 * text as is, integers in decimal, floats in plain decimal ({@code 29.5}, {@code 29.0}, never exponent notation),
 * lists and objects as JSON, absent or null fields empty.
 */
final class CsvEventSink implements EventSink {
    /** The header row. */
    static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(EventFields.ALL);
        c.add("event_id");
        c.add("other");
        COLUMNS = List.copyOf(c);
    }

    private final CSVPrinter printer;

    CsvEventSink(Writer out) throws IOException {
        printer = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get().print(out);
    }

    @Override
    public void write(EventRecord event) throws IOException {
        List<String> row = new ArrayList<>(COLUMNS.size());
        Map<String, Object> payload = event.payload();
        for (String field : EventFields.ALL) {
            row.add(cell(payload.get(field)));
        }
        row.add(event.id());
        Map<String, Object> other = new LinkedHashMap<>();
        payload.forEach((k, v) -> {
            if (!EventFields.ALL.contains(k)) {
                other.put(k, v);
            }
        });
        row.add(other.isEmpty() ? "" : Json.write(other));
        printer.printRecord(row);
    }

    static String cell(Object v) {
        return switch (v) {
            case null -> "";
            case String s -> s;
            case Double d when Double.isFinite(d) -> plain(d);
            case Float f when Float.isFinite(f) -> plain(f.doubleValue());
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> Json.write(v);
        };
    }

    /** {@code 29.5}, {@code 29.0}, {@code 0.0001}, {@code 12345678.9}: the shortest digits, never an exponent. */
    private static String plain(double d) {
        String s = Double.toString(d);
        if (s.indexOf('E') < 0) {
            return s;
        }
        String p = new BigDecimal(s).stripTrailingZeros().toPlainString();
        return p.indexOf('.') < 0 ? p + ".0" : p;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
