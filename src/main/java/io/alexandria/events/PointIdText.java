package io.alexandria.events;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.grpc.Common.PointId;
import java.util.UUID;

/** Point ids as text and back: a UUID's canonical text, or an unsigned number's decimal digits. */
final class PointIdText {
    private PointIdText() {
    }

    static String of(PointId id) {
        return id.hasUuid() ? id.getUuid() : Long.toUnsignedString(id.getNum());
    }

    static PointId parse(String text) {
        return text.indexOf('-') >= 0 ? PointIdFactory.id(UUID.fromString(text))
                : PointIdFactory.id(Long.parseUnsignedLong(text));
    }
}
