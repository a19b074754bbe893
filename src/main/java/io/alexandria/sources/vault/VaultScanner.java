package io.alexandria.sources.vault;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Lists the notes of an Obsidian vault.
 *
 * <p>A note is a regular file whose name ends in {@code .md} (any case: {@code .MD} counts). The scan
 * skips, like Obsidian's own file list:
 * <ul>
 *   <li>every hidden file or folder (a name starting with {@code '.'}): {@code .obsidian/},
 *       {@code .trash/}, {@code .git/}, {@code .alexandriaignore} itself;</li>
 *   <li>paths matched by the gitignore-syntax file {@code .alexandriaignore} at the vault root and by
 *       the extra patterns given to the constructor (matched with JGit, see {@link IgnoreRules}:
 *       last match wins, {@code !} re-includes, nothing below an ignored folder comes back).</li>
 * </ul>
 *
 * <p><b>Symbolic links:</b> symlinked folders are <em>not</em> followed (this rules out cycles and
 * notes listed twice); a symlink to a regular {@code .md} file is listed under the link's path, with
 * the target's size and time; a dangling link is reported as a {@link ScanProblem}.
 *
 * <p>Nothing below the root is fatal: a folder that cannot be listed, or a note that vanishes or
 * cannot be read mid-scan, is reported in {@link ScanResult#problems()} and the scan goes on.
 *
 * <p>The ignore rules are read when the scanner is made and re-read by every {@link #scan()}, so an
 * edited {@code .alexandriaignore} takes effect at the next scan; {@link #isIgnored(String)} answers
 * with the rules of the latest load. Thread-safe.
 */
public final class VaultScanner {
    /** Most folder entries {@link #checkVault(Path)} looks at before it gives up looking for a note. */
    static final int MAX_ENTRIES_CHECKED = 50_000;

    private final Path root;
    private final List<String> extraIgnorePatterns;
    private volatile IgnoreRules rules;

    /** A scanner for the vault at {@code root} with only its {@code .alexandriaignore} rules. */
    public VaultScanner(Path root) {
        this(root, List.of());
    }

    /**
     * A scanner for the vault at {@code root}.
     *
     * @param root                the vault folder (need not exist yet; {@link #scan()} then fails)
     * @param extraIgnorePatterns gitignore-syntax patterns from the settings, applied after those of
     *                            {@code .alexandriaignore} (blank lines and {@code #} comments skipped)
     */
    public VaultScanner(Path root, List<String> extraIgnorePatterns) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.extraIgnorePatterns = List.copyOf(Objects.requireNonNull(extraIgnorePatterns, "extraIgnorePatterns"));
        this.rules = IgnoreRules.load(this.root, this.extraIgnorePatterns, new ArrayList<>());
    }

    /** The vault folder, absolute and normalized. */
    public Path root() {
        return root;
    }

    /**
     * Walks the vault and lists its notes.
     *
     * @return the notes sorted by relative path, and the problems met
     * @throws IOException only when the vault root itself is missing, not a folder or cannot be
     *                     listed (an empty result then would look like "every note was deleted")
     */
    public ScanResult scan() throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "vault folder not found");
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        List<ScanProblem> problems = new ArrayList<>();
        IgnoreRules current = IgnoreRules.load(root, extraIgnorePatterns, problems);
        rules = current;
        List<VaultFile> files = new ArrayList<>();
        Walker walker = new Walker(current, files, problems);
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, walker);
        if (walker.rootFailure != null) {
            throw walker.rootFailure;
        }
        files.sort(Comparator.comparing(VaultFile::relativePath));
        return new ScanResult(files, problems);
    }

    /**
     * {@code true} when the file at this vault-relative path is hidden or matched by the ignore
     * rules (itself or a folder above it), i.e. the scan would not look at it. The extension does not
     * matter here; see {@link #accepts(String)}. Backslashes are taken as separators.
     *
     * @param relativePath a vault-relative path to a file, e.g. {@code "drafts/idea.md"}
     */
    public boolean isIgnored(String relativePath) {
        return isIgnored(relativePath, false);
    }

    /**
     * Like {@link #isIgnored(String)}, for a file ({@code directory == false}) or a folder
     * ({@code directory == true}; patterns ending in {@code /} match folders only).
     */
    public boolean isIgnored(String relativePath, boolean directory) {
        return rules.isIgnored(normalize(relativePath), directory);
    }

    /**
     * {@code true} when a regular file at this vault-relative path would be listed by {@link #scan()}:
     * a {@code .md} name that is not ignored. For the file watcher.
     */
    public boolean accepts(String relativePath) {
        String p = normalize(relativePath);
        return isNoteName(p) && !rules.isIgnored(p, false);
    }

    /**
     * Whether {@code folder} looks like an Obsidian vault: it exists, is a folder, and holds a
     * {@code .obsidian/} folder or at least one {@code .md} note (searched below it, skipping hidden
     * folders, not following symlinks, looking at no more than 50,000 entries).
     */
    public static boolean looksLikeVault(Path folder) {
        return checkVault(folder).isVault();
    }

    /**
     * Like {@link #looksLikeVault(Path)}, and says why not, in a sentence for the settings pane.
     * Never throws for a bad folder.
     */
    public static VaultCheck checkVault(Path folder) {
        if (folder == null) {
            return new VaultCheck(VaultCheck.Verdict.NOT_FOUND, "No folder chosen.");
        }
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            return new VaultCheck(VaultCheck.Verdict.NOT_FOUND, "The folder " + dir + " does not exist.");
        }
        if (!Files.isDirectory(dir)) {
            return new VaultCheck(VaultCheck.Verdict.NOT_A_FOLDER, dir + " is a file, not a folder.");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.iterator().hasNext(); // proves the folder can be listed
        } catch (IOException e) {
            return new VaultCheck(VaultCheck.Verdict.UNREADABLE,
                    "The folder " + dir + " cannot be read (" + IgnoreRules.describe(e) + ").");
        }
        if (Files.isDirectory(dir.resolve(".obsidian"), LinkOption.NOFOLLOW_LINKS)) {
            return new VaultCheck(VaultCheck.Verdict.VAULT, dir + " is an Obsidian vault (it has a .obsidian folder).");
        }
        if (containsNote(dir)) {
            return new VaultCheck(VaultCheck.Verdict.VAULT, dir + " holds Markdown notes.");
        }
        return new VaultCheck(VaultCheck.Verdict.NO_NOTES, "The folder " + dir
                + " is not an Obsidian vault: it has no .obsidian folder and no .md notes.");
    }

    private static boolean containsNote(Path dir) {
        final int[] seen = {0};
        final boolean[] found = {false};
        try {
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(dir) && isHiddenName(d)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return ++seen[0] > MAX_ENTRIES_CHECKED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!isHiddenName(file) && isNoteName(file.getFileName().toString())
                            && (attrs.isRegularFile() || Files.isRegularFile(file))) {
                        found[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return ++seen[0] > MAX_ENTRIES_CHECKED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return found[0];
        }
        return found[0];
    }

    static boolean isNoteName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".md");
    }

    private static boolean isHiddenName(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String normalize(String relativePath) {
        String p = Objects.requireNonNull(relativePath, "relativePath").replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    private String relativize(Path p) {
        StringBuilder sb = new StringBuilder();
        for (Path part : root.relativize(p)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** The tree walk of one scan; collects notes and problems. Package-private for tests. */
    final class Walker extends SimpleFileVisitor<Path> {
        private final IgnoreRules rules;
        private final List<VaultFile> files;
        private final List<ScanProblem> problems;
        IOException rootFailure;

        /** A walk with the rules of the latest load (for tests that drive the visitor directly). */
        Walker(List<VaultFile> files, List<ScanProblem> problems) {
            this(VaultScanner.this.rules, files, problems);
        }

        Walker(IgnoreRules rules, List<VaultFile> files, List<ScanProblem> problems) {
            this.rules = rules;
            this.files = files;
            this.problems = problems;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            return rules.isIgnored(relativize(dir), true) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = relativize(file);
            if (!isNoteName(rel) || rules.isIgnored(rel, false)) {
                return FileVisitResult.CONTINUE;
            }
            BasicFileAttributes a = attrs;
            if (attrs.isSymbolicLink()) {
                if (Files.isDirectory(file)) {
                    return FileVisitResult.CONTINUE; // symlinked folder named *.md: never followed
                }
                try {
                    a = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    problems.add(new ScanProblem(rel, "symbolic link cannot be followed (dangling or unreadable target): "
                            + IgnoreRules.describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            }
            if (a.isRegularFile()) {
                files.add(new VaultFile(rel, file, a.size(), a.lastModifiedTime().toMillis()));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            if (file.equals(root)) {
                rootFailure = exc;
                return FileVisitResult.TERMINATE;
            }
            String rel = relativize(file);
            boolean dir = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
            if (rules.isIgnored(rel, dir)) {
                return FileVisitResult.CONTINUE;
            }
            if (exc instanceof NoSuchFileException) {
                if (isNoteName(rel)) {
                    problems.add(new ScanProblem(rel, "note vanished during the scan"));
                }
            } else if (dir) {
                problems.add(new ScanProblem(rel, "folder not readable, its notes are not listed: " + reason(exc)));
            } else if (isNoteName(rel)) {
                problems.add(new ScanProblem(rel, "note not readable: " + reason(exc)));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                if (dir.equals(root)) {
                    rootFailure = exc;
                    return FileVisitResult.TERMINATE;
                }
                problems.add(new ScanProblem(relativize(dir), "folder listing failed part way: " + reason(exc)));
            }
            return FileVisitResult.CONTINUE;
        }

        private static String reason(IOException e) {
            return e instanceof AccessDeniedException ? "permission denied" : IgnoreRules.describe(e);
        }
    }
}
