package io.alexandria.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.alexandria.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A model in a local folder: the model file (TorchScript {@code .pt} or {@code .onnx}), its
 * HuggingFace {@code tokenizer.json}, and the descriptor {@value #DESCRIPTOR}, which declares what
 * the model cannot tell by itself:
 *
 * <pre>{@code
 * {
 *   "id": "my-bge-small",      // required: lower case letters, digits, . _ - /
 *   "dimension": 384,          // required: length of every vector
 *   "pooling": "CLS",          // required: CLS or MEAN
 *   "maxTokens": 512,          // required: longest input, special tokens included
 *   "normalize": true,         // optional, default true: L2-normalise vectors
 *   "queryInstruction": "query: ",  // optional, default none: put before search queries
 *   "passagePrefix": "passage: ",   // optional, default none: put before indexed passages
 *   "tokenTypes": true,        // optional: whether the model takes token_type_ids as 3rd input;
 *                              //   left out: found out by trying
 *   "model": "model.pt",       // optional: the model file when the folder holds several
 *   "tokenizer": "tokenizer.json" // optional, this by default
 * }
 * }</pre>
 * Also accepted and ignored: {@code "source"}, {@code "description"} and keys starting with
 * {@code _}. Anything else is an error, so that a misspelt key does not pass unnoticed.
 *
 * @param dir        the folder
 * @param spec       the declared model
 * @param format     the model file's format
 * @param modelFile  the model file
 * @param tokenizer  the {@code tokenizer.json}
 * @param tokenTypes whether the model takes {@code token_type_ids}; null when not declared
 */
public record ModelFolder(Path dir, ModelSpec spec, ModelFormat format, Path modelFile, Path tokenizer,
                          Boolean tokenTypes) {
    /** The descriptor's file name. */
    public static final String DESCRIPTOR = "alexandria-model.json";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,99}");
    private static final Set<String> KEYS = Set.of("id", "dimension", "pooling", "maxTokens", "normalize",
            "tokenTypes", "model", "tokenizer", "source", "description", "queryInstruction", "passagePrefix");

    /** Whether {@code dir} holds a descriptor (whatever its content). */
    public static boolean isModelFolder(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(DESCRIPTOR));
    }

    /**
     * Reads and checks a model folder.
     *
     * @throws EmbeddingException naming the folder and exactly what is missing or wrong
     */
    public static ModelFolder read(Path dir) throws EmbeddingException {
        if (!Files.isDirectory(dir)) {
            throw problem(dir, "not a folder");
        }
        Path descriptor = dir.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(descriptor)) {
            throw problem(dir, "no " + DESCRIPTOR + " (a local model folder needs one, e.g. "
                    + "{\"id\": \"my-model\", \"dimension\": 384, \"pooling\": \"CLS\", \"maxTokens\": 512})");
        }
        Map<String, Object> json;
        try {
            json = Json.MAPPER.readValue(Files.readString(descriptor, StandardCharsets.UTF_8),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw problem(dir, DESCRIPTOR + " is not a JSON object: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw problem(dir, "cannot read " + DESCRIPTOR + ": " + e.getMessage());
        }
        if (json == null) {
            throw problem(dir, DESCRIPTOR + " is empty");
        }
        List<String> unknown = new ArrayList<>();
        for (String key : json.keySet()) {
            if (!KEYS.contains(key) && !key.startsWith("_")) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw problem(dir, DESCRIPTOR + " has unknown key(s) " + unknown
                    + " (known: id, dimension, pooling, maxTokens, normalize, queryInstruction, passagePrefix, tokenTypes,"
                    + " model, tokenizer)");
        }
        String id = string(dir, json, "id", true);
        if (!ID.matcher(id).matches()) {
            throw problem(dir, DESCRIPTOR + ": \"id\" must be 1–100 lower-case letters, digits, '.', '_', '-' or '/', "
                    + "starting with a letter or digit (got \"" + id + "\")");
        }
        int dimension = integer(dir, json, "dimension", 1, 65_536);
        int maxTokens = integer(dir, json, "maxTokens", 3, 1_000_000);
        Pooling pooling = pooling(dir, json);
        boolean normalize = bool(dir, json, "normalize", Boolean.TRUE);
        Boolean tokenTypes = bool(dir, json, "tokenTypes", null);
        Path modelFile = modelFile(dir, string(dir, json, "model", false));
        String tokenizerName = string(dir, json, "tokenizer", false);
        Path tokenizer = dir.resolve(tokenizerName == null ? "tokenizer.json" : tokenizerName).normalize();
        if (!tokenizer.startsWith(dir.normalize()) || !Files.isRegularFile(tokenizer)) {
            throw problem(dir, "no tokenizer file " + dir.relativize(tokenizer)
                    + " (the model's HuggingFace tokenizer.json)");
        }
        ModelSpec spec = new ModelSpec(id, dimension, maxTokens, pooling, normalize,
                instruction(dir, json, "queryInstruction"), instruction(dir, json, "passagePrefix"));
        return new ModelFolder(dir, spec, ModelFormat.ofFileName(modelFile.getFileName().toString()), modelFile,
                tokenizer, tokenTypes);
    }

    /**
     * Writes a descriptor for {@code spec} into {@code dir} (replacing one there).
     *
     * @param tokenTypes whether the model takes token type ids, or null to leave it to probing
     */
    public static void writeDescriptor(Path dir, ModelSpec spec, Boolean tokenTypes, String modelFileName,
                                       String source) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", spec.id());
        json.put("dimension", spec.dimension());
        json.put("pooling", spec.pooling().name());
        json.put("maxTokens", spec.maxTokens());
        json.put("normalize", spec.normalize());
        if (!spec.queryInstruction().isEmpty()) {
            json.put("queryInstruction", spec.queryInstruction());
        }
        if (!spec.passagePrefix().isEmpty()) {
            json.put("passagePrefix", spec.passagePrefix());
        }
        if (tokenTypes != null) {
            json.put("tokenTypes", tokenTypes);
        }
        if (modelFileName != null) {
            json.put("model", modelFileName);
        }
        if (source != null) {
            json.put("source", source);
        }
        Files.writeString(dir.resolve(DESCRIPTOR), Json.writePretty(json) + "\n", StandardCharsets.UTF_8);
    }

    private static Path modelFile(Path dir, String declared) throws EmbeddingException {
        if (declared != null) {
            Path file = dir.resolve(declared).normalize();
            if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
                throw problem(dir, "no model file " + declared + " (named by \"model\" in " + DESCRIPTOR + ")");
            }
            if (ModelFormat.ofFileName(file.getFileName().toString()) == null) {
                throw problem(dir, "\"model\" must name a TorchScript .pt or an .onnx file (got " + declared + ")");
            }
            return file;
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(dir)) {
            candidates = files.filter(Files::isRegularFile)
                    .filter(p -> ModelFormat.ofFileName(p.getFileName().toString()) != null)
                    .sorted().toList();
        } catch (IOException e) {
            throw problem(dir, "cannot list it: " + e.getMessage());
        }
        if (candidates.isEmpty()) {
            throw problem(dir, "no model file (a TorchScript .pt or an .onnx)");
        }
        if (candidates.size() > 1) {
            throw problem(dir, "several model files " + candidates.stream().map(p -> p.getFileName().toString())
                    .toList() + "; name one with \"model\" in " + DESCRIPTOR);
        }
        return candidates.getFirst();
    }

    private static String string(Path dir, Map<String, Object> json, String key, boolean required)
            throws EmbeddingException {
        Object v = json.get(key);
        if (v == null) {
            if (required) {
                throw problem(dir, DESCRIPTOR + " lacks \"" + key + "\"");
            }
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw problem(dir, DESCRIPTOR + ": \"" + key + "\" must be a non-empty string (got " + Json.write(v) + ")");
        }
        return s.strip();
    }

    /** An instruction: any string, empty allowed (none), at most 1,000 characters. */
    private static String instruction(Path dir, Map<String, Object> json, String key) throws EmbeddingException {
        Object v = json.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s) || s.length() > 1000) {
            throw problem(dir, DESCRIPTOR + ": \"" + key + "\" must be a string of at most 1000 characters (got "
                    + Json.write(v) + ")");
        }
        return s;
    }

    /** This folder with the instructions of a catalogue entry (which win over an older descriptor's). */
    public ModelFolder withInstructions(String query, String passage) {
        return new ModelFolder(dir, spec.withInstructions(query, passage), format, modelFile, tokenizer, tokenTypes);
    }

    private static int integer(Path dir, Map<String, Object> json, String key, int min, int max)
            throws EmbeddingException {
        Object v = json.get(key);
        if (v == null) {
            throw problem(dir, DESCRIPTOR + " lacks \"" + key + "\"");
        }
        if (!(v instanceof Integer i) || i < min || i > max) {
            throw problem(dir, DESCRIPTOR + ": \"" + key + "\" must be a whole number from " + min + " to " + max
                    + " (got " + Json.write(v) + ")");
        }
        return i;
    }

    private static Boolean bool(Path dir, Map<String, Object> json, String key, Boolean absent)
            throws EmbeddingException {
        Object v = json.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean b)) {
            throw problem(dir, DESCRIPTOR + ": \"" + key + "\" must be true or false (got " + Json.write(v) + ")");
        }
        return b;
    }

    private static Pooling pooling(Path dir, Map<String, Object> json) throws EmbeddingException {
        String p = string(dir, json, "pooling", true);
        try {
            return Pooling.valueOf(p.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem(dir, DESCRIPTOR + ": \"pooling\" must be CLS or MEAN (got \"" + p + "\")");
        }
    }

    private static EmbeddingException problem(Path dir, String what) {
        return new EmbeddingException("model folder " + dir + ": " + what);
    }
}
