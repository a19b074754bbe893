package io.alexandria.bench;

import io.alexandria.app.EngineBootstrap;
import io.alexandria.config.Settings;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.calibre.CalibreSource;
import io.alexandria.sources.calibre.FormatPreference;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.sync.SyncEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpora the retrieval question sets are written for (folders of {@code ../shared/corpus},
 * see its README), how a chunk's payload names its document, and which documents exist.
 * Question set {@code <setName>-dev.tsv} and {@code <setName>-heldout.tsv} belong to each.
 */
public enum EvalCorpus {
    /** The Tasks plugin's documentation vault (English); a document is a note's vault-relative path. */
    TASKS_VAULT("tasks-vault", "obsidian-tasks-docs", Kind.VAULT),
    /** The Calibre library of 3 books; a document is the book's title. */
    BOOKS("books", "calibre-library", Kind.CALIBRE),
    /** The Vue.js documentation in Japanese, as a vault; a document is a note's vault-relative path. */
    JAPANESE_VUE("japanese-vue", "japanese-docs", Kind.VAULT);

    private enum Kind { VAULT, CALIBRE }

    private static final Pattern OPF_TITLE = Pattern.compile("<dc:title[^>]*>([^<]+)</dc:title>");
    private static final Pattern FRONTMATTER_TITLE = Pattern.compile("(?m)^title:\\s*['\"]?(.+?)['\"]?\\s*$");

    private final String setName;
    private final String folder;
    private final Kind kind;

    EvalCorpus(String setName, String folder, Kind kind) {
        this.setName = setName;
        this.folder = folder;
        this.kind = kind;
    }

    /** The question files' name stem, e.g. {@code tasks-vault}. */
    public String setName() {
        return setName;
    }

    /** The corpus folder under {@code ../shared/corpus}. */
    public String folder() {
        return folder;
    }

    /** The set named {@code name} ({@link #setName()}), or an exception listing the known ones. */
    public static EvalCorpus bySetName(String name) {
        for (EvalCorpus c : values()) {
            if (c.setName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown question set '" + name + "'; known: "
                + Stream.of(values()).map(EvalCorpus::setName).toList());
    }

    /**
     * The document a chunk belongs to, named as the question files name it: the payload's
     * {@code file_path} (vault-relative, {@code /}-separated) for notes, its {@code title} for books.
     */
    public String documentOf(Map<String, Object> payload) {
        Object v = payload.get(kind == Kind.VAULT ? "file_path" : "title");
        return v == null ? "(no " + (kind == Kind.VAULT ? "file_path" : "title") + ")" : v.toString();
    }

    /**
     * This corpus (a copy at {@code copy}) as a source on its own, without an engine (Calibre:
     * the default format preference, no remembered library id).
     */
    public DocumentSource source(Path copy) {
        return kind == Kind.VAULT ? new VaultSource(copy, List.of())
                : new CalibreSource(copy.toAbsolutePath().normalize(),
                        FormatPreference.parse(Settings.defaults().formatPreference()), null);
    }

    /** Adds this corpus (a copy at {@code copy}) as a source of {@code engine}. */
    public void addSource(SyncEngine engine, io.alexandria.store.Database db, Path copy) {
        if (kind == Kind.VAULT) {
            engine.addSource(new VaultSource(copy, List.of()));
        } else {
            engine.addSource(EngineBootstrap.calibre(copy, Settings.defaults(), db));
        }
    }

    /**
     * The names of the documents present in the corpus folder {@code root}: every {@code .md} file
     * outside hidden folders (vaults), or every {@code metadata.opf} title (the Calibre library).
     */
    public Set<String> documents(Path root) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".") || rel.contains("/.")) {
                    continue;
                }
                if (kind == Kind.VAULT && rel.endsWith(".md")) {
                    names.add(rel);
                } else if (kind == Kind.CALIBRE && p.getFileName().toString().equals("metadata.opf")) {
                    Matcher m = OPF_TITLE.matcher(Files.readString(p, StandardCharsets.UTF_8));
                    if (m.find()) {
                        names.add(m.group(1).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * What a user would know a document by: for a note its file name without {@code .md}, its
     * frontmatter {@code title} and its first {@code #} heading (VitePress anchors and HTML tags
     * removed); for a book its title.
     */
    public List<String> titlesOf(Path root, String document) {
        List<String> titles = new ArrayList<>();
        if (kind == Kind.CALIBRE) {
            titles.add(document);
            return titles;
        }
        String name = document.substring(document.lastIndexOf('/') + 1);
        titles.add(name.endsWith(".md") ? name.substring(0, name.length() - 3) : name);
        try {
            String text = Files.readString(root.resolve(document), StandardCharsets.UTF_8);
            if (text.startsWith("---")) {
                int end = text.indexOf("\n---", 3);
                if (end > 0) {
                    Matcher m = FRONTMATTER_TITLE.matcher(text.substring(0, end));
                    if (m.find()) {
                        titles.add(m.group(1));
                    }
                }
            }
            boolean fenced = false;
            for (String line : text.lines().toList()) {
                if (line.startsWith("```") || line.startsWith("~~~")) {
                    fenced = !fenced;
                } else if (!fenced && line.startsWith("# ")) {
                    titles.add(line.substring(2).replaceAll("\\{#[^}]*}", "").replaceAll("<[^>]*>", ""));
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return titles;
    }
}
