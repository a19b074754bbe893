package io.alexandria.extraction.markdown;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A note's leading YAML properties block, split off its body.
 *
 * <p>As in Obsidian, frontmatter is present only when the note's very first line is {@code ---} and a
 * later line is {@code ---} (trailing blanks allowed); the lines between are YAML. They are
 * <em>composed</em> (parsed to a node graph) by SnakeYAML Engine and never constructed into Java
 * objects, so every scalar stays the exact text written: {@code 2024-01-05} is not a date,
 * {@code false} not a boolean, {@code 1.10} not {@code 1.1}, and tags such as {@code !!binary} or
 * {@code !Custom} are never acted on. Safe: at most 20 aliases for collections (billion-laughs guard),
 * no recursive keys, at most 1 M code points, at most 10,000 values, 64 levels and 1 M characters of
 * values counted through aliases (a huge anchor repeated), lines indented by at most 512 blanks; a property
 * written twice makes the whole block invalid (as in Obsidian). JSON-style frontmatter
 * ({@code {"a": 1}}) is a YAML flow mapping and is read like YAML, as Obsidian does.
 *
 * <p>Bad frontmatter never fails: malformed YAML, or YAML that is not a {@code key: value} map, gives
 * no properties and a warning, and the body is still the text after the closing {@code ---}. An
 * unclosed block is not frontmatter: the whole note is body, with a warning.
 *
 * @param properties every key with its value as a string: scalars as written ({@code ""} for an
 *                   empty value), lists and maps as JSON (e.g. {@code ["a","b"]})
 * @param title      the {@code title} property when it is a non-blank text, else {@code null}
 * @param tags       from {@code tags} and {@code tag}: list items, or a text split at commas and
 *                   blanks; leading {@code #} dropped, digits-only values skipped
 * @param aliases    from {@code aliases} and {@code alias}: list items, or one text as one alias
 * @param warnings   problems with the block
 * @param body       the note after the frontmatter (the whole note when there is none)
 */
record Frontmatter(Map<String, String> properties, String title, List<String> tags, List<String> aliases,
                   List<String> warnings, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Frontmatter {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
        warnings = List.copyOf(warnings);
    }

    /**
     * Splits {@code note} (LF line ends, no BOM) into frontmatter and body.
     */
    static Frontmatter parse(String note) {
        int firstEnd = note.indexOf('\n');
        String firstLine = firstEnd < 0 ? note : note.substring(0, firstEnd);
        if (!firstLine.stripTrailing().equals("---")) {
            return none(note, List.of());
        }
        if (firstEnd < 0) {
            return none(note, List.of("frontmatter is not closed by a '---' line: read as note text"));
        }
        int lineStart = firstEnd + 1;
        while (lineStart <= note.length()) {
            int lineEnd = note.indexOf('\n', lineStart);
            String line = lineEnd < 0 ? note.substring(lineStart) : note.substring(lineStart, lineEnd);
            if (line.stripTrailing().equals("---")) {
                String yaml = note.substring(firstEnd + 1, lineStart);
                String body = lineEnd < 0 ? "" : note.substring(lineEnd + 1);
                return fromYaml(yaml, body);
            }
            if (lineEnd < 0) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        return none(note, List.of("frontmatter is not closed by a '---' line: read as note text"));
    }

    private static Frontmatter none(String body, List<String> warnings) {
        return new Frontmatter(Map.of(), null, List.of(), List.of(), warnings, body);
    }

    private static Frontmatter fromYaml(String yaml, String body) {
        LoadSettings settings = LoadSettings.builder()
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(20)
                .setCodePointLimit(1 << 20)
                .setLabel("frontmatter")
                .build();
        String tooDeep = nestingProblem(yaml);
        if (tooDeep != null) {
            return none(body, List.of("frontmatter " + tooDeep + ", its properties are ignored"));
        }
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> " (line " + (m.getLine() + 2) + " of the note)").orElse("");
            return none(body, List.of("frontmatter is not valid YAML, its properties are ignored: "
                    + firstLine(e.getProblem()) + where));
        } catch (YamlEngineException | IllegalArgumentException | IllegalStateException e) {
            return none(body, List.of("frontmatter is not valid YAML, its properties are ignored: "
                    + firstLine(e.getMessage())));
        } catch (StackOverflowError e) {
            return none(body, List.of("frontmatter is nested too deeply, its properties are ignored"));
        }
        if (root.isEmpty()) {
            return none(body, List.of());
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            return none(body, List.of("frontmatter is not a list of 'key: value' properties (it is "
                    + (root.get() instanceof SequenceNode ? "a list" : "plain text") + "), its content is ignored"));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        try {
            Budget budget = new Budget();
            for (NodeTuple t : mapping.getValue()) {
                String key = keyText(t.getKeyNode(), budget);
                if (map.containsKey(key)) {
                    return none(body, List.of("frontmatter has the property '" + key
                            + "' twice, its properties are ignored"));
                }
                map.put(key, plain(t.getValueNode(), budget));
            }
        } catch (IllegalStateException e) {
            return none(body, List.of("frontmatter " + e.getMessage() + ", its properties are ignored"));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        String title = null;
        List<String> tags = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object value = e.getValue();
            properties.put(e.getKey(), render(value));
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "title" -> {
                    if (value instanceof String s && !s.isBlank()) {
                        title = s.strip();
                    }
                }
                case "tags", "tag" -> collectTags(value, tags);
                case "aliases", "alias" -> collectAliases(value, aliases);
                default -> {
                    // kept in properties only
                }
            }
        }
        return new Frontmatter(properties, title, tags, aliases, List.of(), body);
    }

    /**
     * Why the YAML is too deeply nested to compose safely (SnakeYAML composes recursively), or
     * {@code null}: more than {@value Budget#MAX_DEPTH} open flow brackets ({@code [} / <code>{</code>),
     * or a line indented by more than {@value #MAX_INDENT} blanks. A cheap linear pre-check, so the
     * outcome never depends on the thread's stack size; brackets inside quoted strings are counted
     * too, which only matters for absurd input.
     */
    private static String nestingProblem(String yaml) {
        int depth = 0;
        int indent = 0;
        boolean lineStart = true;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (c == '\n') {
                lineStart = true;
                indent = 0;
                continue;
            }
            if (lineStart && (c == ' ' || c == '\t')) {
                if (++indent > MAX_INDENT) {
                    return "is indented by more than " + MAX_INDENT + " blanks";
                }
                continue;
            }
            lineStart = false;
            if (c == '[' || c == '{') {
                if (++depth > Budget.MAX_DEPTH) {
                    return "is nested deeper than " + Budget.MAX_DEPTH + " levels";
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return null;
    }

    /** Most leading blanks a frontmatter line may have. */
    private static final int MAX_INDENT = 512;

    /**
     * Caps the work of turning a YAML node graph into plain values (aliases can share nodes): at
     * most {@value #MAX_NODES} values, {@value #MAX_DEPTH} levels and {@value #MAX_CHARS} characters
     * of scalars in all (a scalar met again through an alias counts again, so a large anchor
     * repeated many times cannot blow up the rendered properties).
     */
    private static final class Budget {
        private static final int MAX_NODES = 10_000;
        private static final int MAX_DEPTH = 64;
        private static final long MAX_CHARS = 1 << 20;
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private int nodes;
        private long chars;

        void enter(Node node, int depth) {
            if (++nodes > MAX_NODES) {
                throw new IllegalStateException("has more than " + MAX_NODES + " values");
            }
            if (node instanceof ScalarNode scalar && (chars += scalar.getValue().length()) > MAX_CHARS) {
                throw new IllegalStateException("has more than " + MAX_CHARS + " characters of values");
            }
            if (depth > MAX_DEPTH) {
                throw new IllegalStateException("is nested deeper than " + MAX_DEPTH + " levels");
            }
            if (!open.add(node)) {
                throw new IllegalStateException("contains itself (recursive alias)");
            }
        }

        void leave(Node node) {
            open.remove(node);
        }
    }

    private static Object plain(Node node, Budget budget) {
        return plain(node, budget, 0);
    }

    /**
     * A node as plain values: a scalar as the exact text written (no type resolution, so dates,
     * booleans and numbers stay text; tags such as {@code !!binary} or {@code !Custom} are never
     * acted on), a sequence as a list, a mapping as a map with string keys.
     */
    private static Object plain(Node node, Budget budget, int depth) {
        budget.enter(node, depth);
        try {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            if (node instanceof SequenceNode seq) {
                List<Object> out = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    out.add(plain(item, budget, depth + 1));
                }
                return out;
            }
            if (node instanceof MappingNode map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple t : map.getValue()) {
                    out.put(keyText(t.getKeyNode(), budget), plain(t.getValueNode(), budget, depth + 1));
                }
                return out;
            }
            return "";
        } finally {
            budget.leave(node);
        }
    }

    private static String keyText(Node key, Budget budget) {
        return key instanceof ScalarNode s ? s.getValue() : render(plain(key, budget));
    }

    private static void collectTags(Object value, List<String> out) {
        if (value instanceof String s) {
            for (String part : s.split("[,\\s]+")) {
                addTag(part, out);
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    addTag(s, out);
                } else if (item instanceof List<?>) {
                    collectTags(item, out);
                }
            }
        }
    }

    private static void addTag(String raw, List<String> out) {
        String t = Tags.normalize(raw);
        if (t != null) {
            out.add(t);
        }
    }

    private static void collectAliases(Object value, List<String> out) {
        if (value instanceof String s) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
    }

    /** A plain value as a string: a scalar as written, a list or map as JSON. */
    private static String render(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown problem";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
