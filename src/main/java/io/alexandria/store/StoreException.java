package io.alexandria.store;

/** The local database failed (I/O, lock, SQL). Unchecked: callers cannot recover locally. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
