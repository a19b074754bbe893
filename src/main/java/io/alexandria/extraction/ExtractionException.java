package io.alexandria.extraction;

/**
 * A document could not be turned into text. {@link #errorType()} is a short, stable, machine
 * readable class of failure that goes into the {@code error_type} field of an
 * {@code ingest_error} event (shared seed 000) and the ledger's failed row.
 */
public class ExtractionException extends Exception {
    /** The file is truncated or not a valid file of its format. */
    public static final String CORRUPT = "CorruptFile";
    /** The file is encrypted / password protected. */
    public static final String ENCRYPTED = "EncryptedDocument";
    /** A PDF with pages but no text layer (scanned images). */
    public static final String NO_TEXT_LAYER = "NoTextLayer";
    /** A file that is valid but holds no text at all. */
    public static final String NO_TEXT = "NoText";
    /** A zip (EPUB, DOCX) whose entries exceed the count or size bounds. */
    public static final String ZIP_BOMB = "ZipBomb";
    /** The file has more bytes than {@code ExtractionLimits.maxFileBytes} / {@code maxNoteBytes}. */
    public static final String TOO_LARGE = "TooLarge";
    /** The extracted text has more characters than {@code ExtractionLimits.maxTextChars}. */
    public static final String TEXT_TOO_LARGE = "TextTooLarge";
    /**
     * A note that is not text: binary content (NUL characters, or mostly invalid or control
     * characters) under a text file name.
     */
    public static final String NOT_TEXT = "NotText";
    /** Extraction ran past the time budget. */
    public static final String TIMEOUT = "ExtractionTimeout";
    /** No extractor handles this format. */
    public static final String UNSUPPORTED = "UnsupportedFormat";
    /** The file does not exist (any more). */
    public static final String MISSING = "FileMissing";
    /**
     * A note whose real path (symbolic links resolved) lies outside its vault, while following links
     * out of the vault is off.
     */
    public static final String OUTSIDE_VAULT = "OutsideVault";
    /** The file exists but cannot be read (permissions, I/O error). */
    public static final String UNREADABLE = "FileUnreadable";

    private final String errorType;

    public ExtractionException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public ExtractionException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    /** One of the constants of this class. */
    public String errorType() {
        return errorType;
    }
}
