package io.alexandria.cli;

/** A user error the CLI reports as one line on stderr with exit code 1. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
