package io.alexandria.sources.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The rules that hide a vault path from the scanner: hidden names (a segment starting with
 * {@code '.'}, which covers {@code .obsidian/}, {@code .trash/} and {@code .git/}) and gitignore-syntax
 * patterns from the vault's {@code .alexandriaignore} plus extra patterns from the settings.
 *
 * <p>Patterns are matched by JGit's {@link IgnoreNode} exactly as git matches a {@code .gitignore}
 * at the repository root: the last matching rule wins, {@code !pattern} re-includes, a trailing
 * {@code /} matches folders only, and (as in git) nothing below an ignored folder can be
 * re-included. Extra patterns come after the file's rules, so they win over it. Immutable.
 */
final class IgnoreRules {
    /** Name of the ignore file read from the vault root. */
    static final String IGNORE_FILE = ".alexandriaignore";

    private final IgnoreNode node;

    private IgnoreRules(IgnoreNode node) {
        this.node = node;
    }

    /**
     * Reads {@code root/.alexandriaignore} (when present) and appends {@code extraPatterns}. A file
     * that cannot be read is reported to {@code problems} and the extra patterns still apply.
     */
    static IgnoreRules load(Path root, List<String> extraPatterns, List<ScanProblem> problems) {
        List<FastIgnoreRule> rules = new ArrayList<>();
        Path file = root.resolve(IGNORE_FILE);
        if (Files.exists(file)) {
            IgnoreNode fromFile = new IgnoreNode();
            try (InputStream in = Files.newInputStream(file)) {
                fromFile.parse(IGNORE_FILE, in);
                rules.addAll(fromFile.getRules());
            } catch (NoSuchFileException e) {
                // deleted between exists() and open: no rules from the file
            } catch (IOException | RuntimeException e) {
                problems.add(new ScanProblem(IGNORE_FILE, ScanProblem.Kind.IGNORE_RULES,
                        "ignore file not readable, its patterns are not applied: "
                        + describe(e)));
            }
        }
        for (String pattern : extraPatterns) {
            if (pattern == null) {
                continue;
            }
            String p = pattern.strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            try {
                rules.add(new FastIgnoreRule(p));
            } catch (RuntimeException e) {
                problems.add(new ScanProblem("", ScanProblem.Kind.IGNORE_RULES,
                        "ignore pattern '" + p + "' is not valid: " + describe(e)));
            }
        }
        return new IgnoreRules(new IgnoreNode(rules));
    }

    /**
     * {@code true} when the vault-relative path, or any folder above it, is hidden or matched by a
     * rule. {@code directory} tells whether the last segment is a folder (for {@code dir/} patterns).
     */
    boolean isIgnored(String relativePath, boolean directory) {
        String[] segments = relativePath.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith(".")) {
                return true;
            }
            if (!prefix.isEmpty()) {
                prefix.append('/');
            }
            prefix.append(segment);
            boolean isDir = i < segments.length - 1 || directory;
            if (Boolean.TRUE.equals(node.checkIgnored(prefix.toString(), isDir))) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
