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
 * <p><b>Symbolic links: inside the vault means inside.</b> A link is followed only when its target,
 * fully resolved ({@link Path#toRealPath}), lies inside the vault's own real folder:
 * <ul>
 *   <li>a link to a note inside the vault is listed under the link's path, with the target's size
 *       and time;</li>
 *   <li>a link to a folder inside the vault is not followed (its notes are listed under their own
 *       path, so nothing is listed twice); one that points to a folder containing the link is
 *       reported as a {@link ScanProblem.Kind#LINK_LOOP loop};</li>
 *   <li>a link whose target is outside the vault is skipped and reported as
 *       {@link ScanProblem.Kind#EXTERNAL_LINK} — unless {@code followExternalLinks} is on (for users
 *       who link folders in on purpose): then a linked note is listed and a linked folder is walked
 *       as if it were a folder of the vault (its notes under the link's path), loops and chains of
 *       more than {@value #MAX_LINK_HOPS} nested folder links being reported instead of followed;</li>
 *   <li>a dangling link is reported as {@link ScanProblem.Kind#DANGLING_LINK}, a link that cannot be
 *       resolved because it loops as {@link ScanProblem.Kind#LINK_LOOP}.</li>
 * </ul>
 *
 * <p>Nothing below the root is fatal: a folder that cannot be listed, a note that vanishes or
 * cannot be read mid-scan, or a name that is not valid UTF-8 (so the file cannot be opened by its
 * name: {@link ScanProblem.Kind#BAD_NAME}) is reported in {@link ScanResult#problems()} with its path,
 * kind and reason, and the scan goes on.
 *
 * <p>The ignore rules are read when the scanner is made and re-read by every {@link #scan()}, so an
 * edited {@code .alexandriaignore} takes effect at the next scan; {@link #isIgnored(String)} answers
 * with the rules of the latest load. Thread-safe.
 */
public final class VaultScanner {
    /** Most folder entries {@link #checkVault(Path)} looks at before it gives up looking for a note. */
    static final int MAX_ENTRIES_CHECKED = 50_000;
    /** Most folder links followed one inside another (with {@code followExternalLinks}). */
    static final int MAX_LINK_HOPS = 16;

    private final Path root;
    private final List<String> extraIgnorePatterns;
    private final boolean followExternalLinks;
    private volatile IgnoreRules rules;

    /** A scanner for the vault at {@code root} with only its {@code .alexandriaignore} rules. */
    public VaultScanner(Path root) {
        this(root, List.of());
    }

    /**
     * A scanner for the vault at {@code root} that does not follow links out of the vault.
     *
     * @param root                the vault folder (need not exist yet; {@link #scan()} then fails)
     * @param extraIgnorePatterns gitignore-syntax patterns from the settings, applied after those of
     *                            {@code .alexandriaignore} (blank lines and {@code #} comments skipped)
     */
    public VaultScanner(Path root, List<String> extraIgnorePatterns) {
        this(root, extraIgnorePatterns, false);
    }

    /**
     * A scanner for the vault at {@code root}.
     *
     * @param root                the vault folder (need not exist yet; {@link #scan()} then fails)
     * @param extraIgnorePatterns gitignore-syntax patterns from the settings, applied after those of
     *                            {@code .alexandriaignore} (blank lines and {@code #} comments skipped)
     * @param followExternalLinks whether symbolic links to notes and folders outside the vault are
     *                            followed (default off: they are skipped and reported)
     */
    public VaultScanner(Path root, List<String> extraIgnorePatterns, boolean followExternalLinks) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.extraIgnorePatterns = List.copyOf(Objects.requireNonNull(extraIgnorePatterns, "extraIgnorePatterns"));
        this.followExternalLinks = followExternalLinks;
        this.rules = IgnoreRules.load(this.root, this.extraIgnorePatterns, new ArrayList<>());
    }

    /** Whether links out of the vault are followed. */
    public boolean followsExternalLinks() {
        return followExternalLinks;
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
        Walker walker = new Walker(current, files, problems, realRoot(), root, "", List.of());
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

    /** The vault folder with every link resolved (links are judged against it); the root itself on failure. */
    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }

    /** {@code prefix/rel-of-p-below-base}, {@code '/'}-separated. */
    private static String relativize(Path base, String prefix, Path p) {
        StringBuilder sb = new StringBuilder(prefix);
        for (Path part : base.relativize(p)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** {@code true} when the name of {@code p} survives decoding to a string and encoding back. */
    private static boolean nameReadable(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return true;
        }
        try {
            return p.getFileSystem().getPath(name.toString()).equals(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The tree walk of one scan, or of one folder reached through an external link; collects notes
     * and problems. Package-private for tests.
     */
    final class Walker extends SimpleFileVisitor<Path> {
        private final IgnoreRules rules;
        private final List<VaultFile> files;
        private final List<ScanProblem> problems;
        private final Path realRoot;
        private final Path base;
        private final String prefix;
        private final List<Path> activeRoots;
        IOException rootFailure;

        /** A walk of the vault root with the rules of the latest load (for tests that drive the visitor directly). */
        Walker(List<VaultFile> files, List<ScanProblem> problems) {
            this(VaultScanner.this.rules, files, problems, realRoot(), root, "", List.of());
        }

        /**
         * @param base        the folder walked (the vault root, or the real folder behind a link)
         * @param prefix      the vault-relative path of {@code base} ("" for the root)
         * @param activeRoots real folders of the external links being walked around this walk
         */
        Walker(IgnoreRules rules, List<VaultFile> files, List<ScanProblem> problems, Path realRoot, Path base,
               String prefix, List<Path> activeRoots) {
            this.rules = rules;
            this.files = files;
            this.problems = problems;
            this.realRoot = realRoot;
            this.base = base;
            this.prefix = prefix;
            this.activeRoots = activeRoots;
        }

        private String rel(Path p) {
            return relativize(base, prefix, p);
        }

        private void problem(String rel, ScanProblem.Kind kind, String reason) {
            problems.add(new ScanProblem(rel, kind, reason));
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(base)) {
                return FileVisitResult.CONTINUE;
            }
            String rel = rel(dir);
            if (rules.isIgnored(rel, true)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (!nameReadable(dir)) {
                problem(rel, ScanProblem.Kind.BAD_NAME, "folder name is not valid UTF-8, its notes cannot be opened "
                        + "by name and are not listed: rename it");
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = rel(file);
            if (attrs.isSymbolicLink()) {
                return link(file, rel);
            }
            if (!isNoteName(rel) || rules.isIgnored(rel, false)) {
                return FileVisitResult.CONTINUE;
            }
            if (!nameReadable(file)) {
                problem(rel, ScanProblem.Kind.BAD_NAME, "file name is not valid UTF-8, the note cannot be opened "
                        + "by name: rename it");
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isRegularFile()) {
                files.add(new VaultFile(rel, pathOf(file, rel), attrs.size(), attrs.lastModifiedTime().toMillis()));
            }
            return FileVisitResult.CONTINUE;
        }

        /** The path the note is read from: the walked path in the vault, the path through the link outside it. */
        private Path pathOf(Path file, String rel) {
            return prefix.isEmpty() ? file : root.resolve(rel);
        }

        /** A symbolic link met in the walk: followed, skipped or reported, see the class comment. */
        private FileVisitResult link(Path link, String rel) {
            Path target;
            try {
                target = link.toRealPath();
            } catch (IOException e) {
                if (rules.isIgnored(rel, false)) {
                    return FileVisitResult.CONTINUE;
                }
                if (loops(link, e)) {
                    problem(rel, ScanProblem.Kind.LINK_LOOP,
                            "symbolic link loop (it leads back to itself): not followed");
                } else if (isNoteName(rel)) {
                    problem(rel, ScanProblem.Kind.DANGLING_LINK, "symbolic link cannot be followed (dangling or "
                            + "unreadable target): " + IgnoreRules.describe(e));
                }
                return FileVisitResult.CONTINUE;
            }
            boolean folder = Files.isDirectory(target);
            if (rules.isIgnored(rel, folder)) {
                return FileVisitResult.CONTINUE;
            }
            boolean inside = target.startsWith(realRoot);
            if (folder) {
                return folderLink(link, rel, target, inside);
            }
            if (!isNoteName(rel)) {
                return FileVisitResult.CONTINUE;
            }
            if (!inside && !followExternalLinks) {
                problem(rel, ScanProblem.Kind.EXTERNAL_LINK, "symbolic link to a note outside the vault (" + target
                        + "): skipped (following links out of the vault is off)");
                return FileVisitResult.CONTINUE;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    files.add(new VaultFile(rel, pathOf(link, rel), a.size(), a.lastModifiedTime().toMillis()));
                }
            } catch (IOException e) {
                problem(rel, ScanProblem.Kind.DANGLING_LINK, "symbolic link target cannot be read: "
                        + IgnoreRules.describe(e));
            }
            return FileVisitResult.CONTINUE;
        }

        private FileVisitResult folderLink(Path link, String rel, Path target, boolean inside) {
            Path here;
            try {
                here = link.getParent().toRealPath();
            } catch (IOException e) {
                here = link.getParent();
            }
            boolean loop = here.startsWith(target) || activeRoots.stream().anyMatch(r -> r.startsWith(target));
            if (loop) {
                problem(rel, ScanProblem.Kind.LINK_LOOP, "symbolic link to a folder that contains it (" + target
                        + "): a loop, not followed");
                return FileVisitResult.CONTINUE;
            }
            if (inside) {
                return FileVisitResult.CONTINUE; // its notes are listed under their own path
            }
            if (!followExternalLinks) {
                problem(rel, ScanProblem.Kind.EXTERNAL_LINK, "symbolic link to a folder outside the vault (" + target
                        + "): not followed (following links out of the vault is off)");
                return FileVisitResult.CONTINUE;
            }
            if (activeRoots.size() >= MAX_LINK_HOPS) {
                problem(rel, ScanProblem.Kind.LINK_LOOP, "more than " + MAX_LINK_HOPS
                        + " folder links inside one another: not followed");
                return FileVisitResult.CONTINUE;
            }
            List<Path> roots = new ArrayList<>(activeRoots);
            roots.add(target);
            Walker inner = new Walker(rules, files, problems, realRoot, target, rel, List.copyOf(roots));
            try {
                Files.walkFileTree(target, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, inner);
            } catch (IOException e) {
                problem(rel, ScanProblem.Kind.UNREADABLE, "linked folder not readable, its notes are not listed: "
                        + reason(e));
            }
            if (inner.rootFailure != null) {
                problem(rel, ScanProblem.Kind.UNREADABLE, "linked folder not readable, its notes are not listed: "
                        + reason(inner.rootFailure));
            }
            return FileVisitResult.CONTINUE;
        }

        /** Whether a link that cannot be resolved loops, rather than dangles. */
        private static boolean loops(Path link, IOException e) {
            if (e instanceof java.nio.file.FileSystemLoopException) {
                return true;
            }
            String reason = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : e.getMessage();
            if (reason != null && reason.toLowerCase(Locale.ROOT).contains("symbolic link")) {
                return true;
            }
            java.util.Set<Path> seen = new java.util.HashSet<>();
            Path p = link;
            for (int hops = 0; hops < 64; hops++) {
                if (!Files.isSymbolicLink(p)) {
                    return false;
                }
                if (!seen.add(p.toAbsolutePath().normalize())) {
                    return true;
                }
                try {
                    p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
                } catch (IOException | RuntimeException unreadable) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            if (file.equals(base)) {
                rootFailure = exc;
                return FileVisitResult.TERMINATE;
            }
            String rel = rel(file);
            boolean dir = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
            if (rules.isIgnored(rel, dir)) {
                return FileVisitResult.CONTINUE;
            }
            if (!nameReadable(file) && (dir || isNoteName(rel))) {
                problem(rel, ScanProblem.Kind.BAD_NAME,
                        "name is not valid UTF-8, it cannot be opened by name: rename it");
            } else if (exc instanceof java.nio.file.FileSystemLoopException) {
                problem(rel, ScanProblem.Kind.LINK_LOOP, "folder loop: not followed");
            } else if (exc instanceof NoSuchFileException) {
                if (isNoteName(rel)) {
                    problem(rel, ScanProblem.Kind.VANISHED, "note vanished during the scan");
                }
            } else if (dir) {
                problem(rel, ScanProblem.Kind.UNREADABLE,
                        "folder not readable, its notes are not listed: " + reason(exc));
            } else if (isNoteName(rel)) {
                problem(rel, ScanProblem.Kind.UNREADABLE, "note not readable: " + reason(exc));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                if (dir.equals(base)) {
                    rootFailure = exc;
                    return FileVisitResult.TERMINATE;
                }
                problem(rel(dir), ScanProblem.Kind.UNREADABLE, "folder listing failed part way: " + reason(exc));
            }
            return FileVisitResult.CONTINUE;
        }

        private static String reason(IOException e) {
            return e instanceof AccessDeniedException ? "permission denied" : IgnoreRules.describe(e);
        }
    }
}
