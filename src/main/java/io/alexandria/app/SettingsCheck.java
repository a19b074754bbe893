package io.alexandria.app;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The verdict on a settings form: per field, an error (the settings cannot be used), a warning
 * (they can, but something is off: Qdrant unreachable) or a confirmation ("Calibre library with 3
 * books").
 */
public final class SettingsCheck {
    /** The form's fields. */
    public enum Field { VAULT, CALIBRE, QDRANT, API_KEY, MODEL, DEVICE, CHUNKS, IGNORE }

    /** How bad a message is. */
    public enum Level { OK, WARNING, ERROR }

    /**
     * One message.
     *
     * @param level   ok, warning or error
     * @param message a sentence for the user
     */
    public record Message(Level level, String message) {
    }

    private final Map<Field, Message> messages = new EnumMap<>(Field.class);

    void ok(Field f, String message) {
        messages.put(f, new Message(Level.OK, message));
    }

    void warn(Field f, String message) {
        messages.put(f, new Message(Level.WARNING, message));
    }

    void error(Field f, String message) {
        messages.put(f, new Message(Level.ERROR, message));
    }

    /** The message per field (fields with nothing to say are absent). */
    public Map<Field, Message> messages() {
        return Collections.unmodifiableMap(messages);
    }

    /** The message for one field, or null. */
    public Message message(Field f) {
        return messages.get(f);
    }

    /** Whether no field has an error (warnings allowed). */
    public boolean valid() {
        return messages.values().stream().noneMatch(m -> m.level() == Level.ERROR);
    }

    @Override
    public String toString() {
        return "SettingsCheck" + messages;
    }
}
