package io.alexandria.sources.calibre;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Calibre library folder, read strictly read-only (see the package documentation: SQLite
 * {@code mode=ro}, short connections, one read transaction per read, retry with backoff while
 * Calibre holds a lock).
 *
 * <p>An instance holds no open file or connection between calls, needs no closing and is safe to
 * use from several threads. Each {@link #read()}, {@link #books()} or {@link #book(long)} opens a
 * connection, reads one consistent snapshot with a fixed handful of queries and closes it.
 *
 * <p>A failed read throws; it never returns an empty list in place of an error, so the engine must
 * not take a failure (drive unplugged, database locked) for "all books deleted".
 */
public final class CalibreLibrary {
    /** The name of calibre's database file in the library folder. */
    public static final String METADATA_DB = "metadata.db";

    /** The cover file name in a book folder ({@code src/test/corpus/README.md} section C). */
    public static final String COVER_FILE = "cover.jpg";

    /** How long {@link #looksLikeLibrary(Path)} waits for a busy database. */
    private static final Duration CHECK_MAX_WAIT = Duration.ofSeconds(2);

    private final Path directory;
    private final Path metadataDb;
    private final ReadOnlyDatabase database;
    private final BookReader reader;
    private final String libraryId;
    private final long bookCountAtOpen;

    private CalibreLibrary(Path directory, Path metadataDb, ReadOnlyDatabase database, String libraryId,
            long bookCountAtOpen) {
        this.directory = directory;
        this.metadataDb = metadataDb;
        this.database = database;
        this.reader = new BookReader(directory);
        this.libraryId = libraryId;
        this.bookCountAtOpen = bookCountAtOpen;
    }

    /**
     * Opens a library with {@link ReadPolicy#DEFAULT}.
     *
     * @see #open(Path, ReadPolicy)
     */
    public static CalibreLibrary open(Path libraryDir) throws CalibreException {
        return open(libraryDir, ReadPolicy.DEFAULT);
    }

    /**
     * Validates {@code libraryDir} as a Calibre library and reads its library id. Checks, in order:
     * the folder exists and is a folder; it holds a regular {@code metadata.db}; the file starts with
     * the SQLite header; the database has calibre's tables ({@code books}, {@code data},
     * {@code library_id}…) and a library id.
     *
     * @param libraryDir the library folder (the one holding {@code metadata.db})
     * @param policy     how long to wait while Calibre holds a lock
     * @return the library, holding no open resource
     * @throws CalibreException with a message for a person and a {@link CalibreException.Reason}:
     *                          {@code FOLDER_MISSING}, {@code NOT_A_FOLDER}, {@code NO_METADATA_DB},
     *                          {@code NOT_SQLITE}, {@code NOT_CALIBRE_SCHEMA} (not a library),
     *                          {@code LOCKED} (busy past the policy's bound) or {@code UNREADABLE}
     */
    public static CalibreLibrary open(Path libraryDir, ReadPolicy policy) throws CalibreException {
        Objects.requireNonNull(libraryDir, "libraryDir");
        Objects.requireNonNull(policy, "policy");
        Path dir = libraryDir.toAbsolutePath().normalize();
        Path db = LibraryValidator.checkFolder(dir);
        LibraryValidator.checkHeader(db);
        ReadOnlyDatabase database = new ReadOnlyDatabase(db, policy);
        LibraryValidator.OpenInfo info = database.read(LibraryValidator::inspect);
        LibraryValidator.checkSchema(db, info);
        return new CalibreLibrary(dir, db, database, info.libraryId(), info.bookCount());
    }

    /**
     * Checks whether {@code libraryDir} is a readable Calibre library, for the settings pane: the
     * same checks as {@link #open(Path)}, waiting at most 2 s for a busy database. Never throws.
     *
     * @return ok with a short description ("Calibre library with 3 books"), or the reason and a
     *         message saying why not
     */
    public static LibraryCheck looksLikeLibrary(Path libraryDir) {
        if (libraryDir == null) {
            return new LibraryCheck(false, CalibreException.Reason.FOLDER_MISSING, "No folder chosen.");
        }
        try {
            CalibreLibrary library = open(libraryDir, ReadPolicy.DEFAULT.withMaxTotalWait(CHECK_MAX_WAIT));
            long n = library.bookCountAtOpen;
            return LibraryCheck.passed("Calibre library with " + n + (n == 1 ? " book" : " books") + ".");
        } catch (CalibreException e) {
            return LibraryCheck.failed(e);
        }
    }

    /** The library folder, absolute and normalised. */
    public Path directory() {
        return directory;
    }

    /** {@code <directory>/metadata.db}. */
    public Path metadataDb() {
        return metadataDb;
    }

    /**
     * The library's id, {@code library_id.uuid}, as read by {@link #open}. Calibre makes a new one
     * when a library is created or rebuilt; compare with {@link LibrarySnapshot#libraryId()} to see
     * whether the folder now holds another library.
     */
    public String libraryId() {
        return libraryId;
    }

    /**
     * Reads the library id and all books in one read transaction.
     *
     * @return the snapshot, with the fingerprint taken just before reading
     * @throws CalibreException {@code FOLDER_MISSING}/{@code NO_METADATA_DB} when the library is gone
     *                          (drive unplugged), {@code LOCKED} when busy past the policy's bound,
     *                          {@code UNREADABLE} on other failures
     */
    public LibrarySnapshot read() throws CalibreException {
        LibraryValidator.checkFolder(directory);
        DbFingerprint before = fingerprintForRead();
        return database.read(c -> {
            String id = LibraryValidator.readLibraryId(c);
            List<CalibreBook> books = reader.read(c, OptionalLong.empty());
            return new LibrarySnapshot(id == null ? "" : id, before, books);
        });
    }

    /**
     * All books, by ascending id, from one consistent snapshot (nine set-based queries).
     *
     * @throws CalibreException as {@link #read()}
     */
    public List<CalibreBook> books() throws CalibreException {
        return read().books();
    }

    /**
     * One book.
     *
     * @param id {@code books.id}
     * @return the book, or empty when there is no book with this id
     * @throws CalibreException as {@link #read()}
     */
    public Optional<CalibreBook> book(long id) throws CalibreException {
        LibraryValidator.checkFolder(directory);
        List<CalibreBook> found = database.read(c -> reader.read(c, OptionalLong.of(id)));
        return found.stream().findFirst();
    }

    /**
     * The database's change probe now: cheap (file attributes and 4 header bytes, no SQLite
     * connection, no lock), so it can be polled while Calibre runs.
     *
     * @throws java.nio.file.NoSuchFileException when {@code metadata.db} is gone
     * @throws IOException                       when it cannot be read
     */
    public DbFingerprint fingerprint() throws IOException {
        return DbFingerprint.of(directory);
    }

    /** The absolute folder of a book: {@code <directory>/<books.path>}. */
    public Path bookFolder(CalibreBook book) {
        return BookReader.bookFolder(directory, book.path());
    }

    /** The cover file {@code <directory>/<books.path>/cover.jpg} when calibre says the book has one. */
    public Optional<Path> coverFile(CalibreBook book) {
        return book.hasCover() ? Optional.of(bookFolder(book).resolve(COVER_FILE)) : Optional.empty();
    }

    private DbFingerprint fingerprintForRead() throws CalibreException {
        try {
            return fingerprint();
        } catch (IOException e) {
            throw new CalibreException(CalibreException.Reason.UNREADABLE,
                    "Cannot read the attributes of " + metadataDb + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CalibreLibrary[" + directory + ", id " + libraryId + "]";
    }
}
