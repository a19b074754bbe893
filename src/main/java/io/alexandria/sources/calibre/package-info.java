/**
 * Reads a Calibre library ({@code metadata.db} plus the book folders) strictly read-only, and
 * chooses which format file of each book to index.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link io.alexandria.sources.calibre.CalibreLibrary}: validates and opens a library folder,
 *       lists its books ({@link io.alexandria.sources.calibre.CalibreBook}, with their
 *       {@link io.alexandria.sources.calibre.BookFormat format files}) and gives a cheap change
 *       probe ({@link io.alexandria.sources.calibre.DbFingerprint}).</li>
 *   <li>{@link io.alexandria.sources.calibre.FormatPreference}: which format of a book to extract.</li>
 * </ul>
 *
 * <h2>Never disturbing a running Calibre</h2>
 * Calibre keeps {@code metadata.db} open while it runs and writes to it in short transactions
 * (rollback-journal mode, {@code journal_mode=delete}, per {@code src/test/corpus/README.md}
 * section C). This package therefore:
 * <ul>
 *   <li>opens the file through the SQLite URI {@code file:…/metadata.db?mode=ro} <em>and</em>
 *       {@code SQLiteConfig.setReadOnly(true)} (no {@code SQLITE_OPEN_CREATE}), then sets
 *       {@code PRAGMA query_only=1}: no statement can write, no journal or WAL file is created, and
 *       a read-only connection never checkpoints a WAL. One footprint is unavoidable: should a
 *       library be in WAL mode (not calibre's default) with no {@code -wal}/{@code -shm} present,
 *       SQLite's read-only reader creates those two (empty) index files, which the next writer
 *       (Calibre) removes when it closes; {@code metadata.db} itself is never written;</li>
 *   <li>does <em>not</em> use {@code immutable=1}: it skips locking altogether, so a read that
 *       overlaps a Calibre commit could see a half-written file (torn pages, wrong answers, "database
 *       disk image is malformed"). {@code mode=ro} takes SQLite's normal SHARED lock, which costs
 *       Calibre nothing unless it commits during our read; then Calibre's own busy handler waits
 *       for us, which is why our reads are short;</li>
 *   <li>keeps connections short: open, run a handful of set-based queries inside one read
 *       transaction (one consistent snapshot), close. No handle is held between reads;</li>
 *   <li>uses a short SQLite {@code busy_timeout} per attempt and retries {@code SQLITE_BUSY} /
 *       {@code SQLITE_LOCKED} with exponential backoff and jitter (Failsafe), bounded by a total
 *       wait ({@link io.alexandria.sources.calibre.ReadPolicy}), then fails with a clear
 *       {@link io.alexandria.sources.calibre.CalibreException} of reason
 *       {@link io.alexandria.sources.calibre.CalibreException.Reason#LOCKED LOCKED}.</li>
 * </ul>
 *
 * <h2>Schema facts used</h2>
 * From {@code src/test/corpus/README.md} section C (calibre 6.13, {@code user_version} 25) and
 * calibre's own schema ({@code src/calibre/db/backend.py}, {@code src/calibre/library/sqlite.py}):
 * query base tables, never the {@code meta} view (it needs calibre's {@code sortconcat});
 * {@code books_languages_link.lang_code} is a foreign key to {@code languages.id}; a format file
 * is {@code <library>/<books.path>/<data.name>.<lowercase(data.format)>} and {@code books.path}
 * always uses {@code /}; the cover is {@code <library>/<books.path>/cover.jpg} when
 * {@code books.has_cover = 1}; many-to-many values (authors, tags) keep link-row order
 * ({@code ORDER BY link.id}), languages follow {@code item_order}.
 */
package io.alexandria.sources.calibre;
