package io.alexandria.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * gRPC errors shaped like the ones Qdrant 1.18 returns.
 *
 * <p>Qdrant turns its {@code StorageError} into a {@link Status} in
 * {@code lib/storage/src/content_manager/conversions.rs}: {@code BadInput} and {@code BadRequest}
 * become {@code INVALID_ARGUMENT}, {@code NotFound} becomes {@code NOT_FOUND},
 * {@code AlreadyExists} becomes {@code ALREADY_EXISTS} (since qdrant/qdrant#3423), and the message
 * is the error's display text, e.g. {@code "Wrong input: ..."} or {@code "Not found: ..."}.
 */
public final class QdrantErrors {
    private QdrantErrors() {
    }

    /** {@code NOT_FOUND "Not found: Collection `NAME` doesn't exist!"}, as Qdrant's collection lookup. */
    public static StatusRuntimeException collectionNotFound(String name) {
        return Status.NOT_FOUND
                .withDescription("Not found: Collection `" + name + "` doesn't exist!")
                .asRuntimeException();
    }

    /** {@code ALREADY_EXISTS "Wrong input: Collection `NAME` already exists!"}. */
    public static StatusRuntimeException collectionAlreadyExists(String name) {
        return Status.ALREADY_EXISTS
                .withDescription("Wrong input: Collection `" + name + "` already exists!")
                .asRuntimeException();
    }

    /** {@code INVALID_ARGUMENT "Wrong input: DESCRIPTION"} (Qdrant's {@code BadInput}). */
    public static StatusRuntimeException badInput(String description) {
        return Status.INVALID_ARGUMENT.withDescription("Wrong input: " + description).asRuntimeException();
    }

    /** {@code INVALID_ARGUMENT "Bad request: DESCRIPTION"} (Qdrant's {@code BadRequest}). */
    public static StatusRuntimeException badRequest(String description) {
        return Status.INVALID_ARGUMENT.withDescription("Bad request: " + description).asRuntimeException();
    }

    /** {@code INVALID_ARGUMENT} with a raw message (Qdrant's request conversion/validation errors). */
    public static StatusRuntimeException invalidArgument(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    /** {@code NOT_FOUND "Not found: DESCRIPTION"}. */
    public static StatusRuntimeException notFound(String description) {
        return Status.NOT_FOUND.withDescription("Not found: " + description).asRuntimeException();
    }

    /** {@code NOT_FOUND "Not found: No point with id ID found"}, as Qdrant's payload updates on missing points. */
    public static StatusRuntimeException pointNotFound(PointKey id) {
        return notFound("No point with id " + id + " found");
    }

    /**
     * {@code UNIMPLEMENTED} naming the feature; the test server answers this for every RPC or
     * sub-feature it does not implement, so a test never silently gets a wrong answer.
     */
    public static StatusRuntimeException unimplemented(String feature) {
        return Status.UNIMPLEMENTED
                .withDescription(feature + " is not supported by Alexandria's local Qdrant server")
                .asRuntimeException();
    }
}
