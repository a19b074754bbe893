package io.alexandria.extraction.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Section;
import io.alexandria.sources.vault.VaultFile;
import io.alexandria.sources.vault.VaultScanner;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every note of the real vault {@code obsidian-tasks-docs}, extracted once, checked against the facts
 * in the corpus README ("Oddities a parser must handle").
 */
class MarkdownCorpusTest {
    @TempDir
    static Path temp;

    private static final Map<String, ParsedNote> NOTES = new LinkedHashMap<>();
    private static final Map<String, ExtractedDocument> EXTRACTED = new LinkedHashMap<>();

    @BeforeAll
    static void extractAll() throws Exception {
        Path vault = Corpus.copyVault(temp.resolve("vault"));
        MarkdownExtractor extractor = new MarkdownExtractor();
        for (VaultFile f : new VaultScanner(vault).scan().files()) {
            EXTRACTED.put(f.relativePath(), extractor.extract(f.path(), ExtractionLimits.defaults()));
            NOTES.put(f.relativePath(), NoteParser.analyze(Files.readString(f.path())));
        }
    }

    private static ExtractedDocument doc(String path) {
        ExtractedDocument d = EXTRACTED.get(path);
        assertTrue(d != null, "no note " + path);
        return d;
    }

    private static List<String> allParagraphs(ExtractedDocument d) {
        List<String> out = new ArrayList<>();
        d.sections().forEach(s -> out.addAll(s.paragraphs()));
        return out;
    }

    @Test
    void everyNoteExtractsCleanly() {
        assertEquals(118, EXTRACTED.size());
        EXTRACTED.forEach((path, d) -> {
            assertTrue(d.warnings().isEmpty(), path + ": " + d.warnings());
            assertFalse(d.attributes().containsKey(ExtractedDocument.INVALID_UTF8), path);
            assertEquals(NOTES.get(path).document(), d, path + ": extractor and parser disagree");
            for (Section s : d.sections()) {
                for (String p : s.paragraphs()) {
                    assertFalse(p.isBlank(), path);
                    assertTrue(p.chars().noneMatch(c -> c >= 0xE000 && c < 0xF900 || c == 1 || c == 2),
                            path + ": placeholder or marker left in " + p);
                    assertFalse(p.startsWith("[!"), path + ": callout marker left: " + p);
                }
            }
            if (!path.equals("_meta/templates/standard frontmatter.md")) {
                assertFalse(d.sections().isEmpty(), path + " has no text");
            }
        });
        assertTrue(doc("_meta/templates/standard frontmatter.md").sections().isEmpty(), "frontmatter-only note");
    }

    @Test
    void frontmatterFacts() {
        int withFrontmatter = 0;
        int publishTrue = 0;
        Set<String> publishFalse = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, ExtractedDocument> e : EXTRACTED.entrySet()) {
            Map<String, String> fm = Notes.frontmatter(e.getValue());
            if (!fm.isEmpty()) {
                withFrontmatter++;
            }
            keys.addAll(fm.keySet());
            if ("true".equals(fm.get("publish"))) {
                publishTrue++;
            }
            if ("false".equals(fm.get("publish"))) {
                publishFalse.add(e.getKey());
            }
            assertEquals(null, e.getValue().title(), "no note has a title property");
        }
        assertEquals(103, withFrontmatter);
        assertEquals(Set.of("aliases", "publish"), keys);
        assertEquals(101, publishTrue);
        assertEquals(Set.of("README.md", "migration.md"), publishFalse);
    }

    @Test
    void aliasesSurviveWithSlashesQuestionMarksAndCommas() {
        int notesWithAliases = 0;
        int values = 0;
        for (ExtractedDocument d : EXTRACTED.values()) {
            List<String> aliases = d.listAttribute(ExtractedDocument.ALIASES);
            notesWithAliases += aliases.isEmpty() ? 0 : 1;
            values += aliases.size();
        }
        assertEquals(18, notesWithAliases);
        assertEquals(22, values);
        assertEquals(List.of("What is New?/Changelog"), doc("What is New/Changelog.md").listAttribute(ExtractedDocument.ALIASES));
        assertEquals(List.of("Advanced/Quickadd"), doc("Other Plugins/QuickAdd.md").listAttribute(ExtractedDocument.ALIASES),
                "the list indented 4 spaces");
        assertTrue(doc("Support and Help/Missing tags, aliases and cssclasses in some Obsidian 1.9.x versions.md")
                .listAttribute(ExtractedDocument.ALIASES)
                .contains("Support and Help/Missing tags, aliases and cssclasses in Obsidian some 1.9.x versions"));
        assertTrue(doc("Getting Started/Obsidian Properties.md").listAttribute(ExtractedDocument.ALIASES).isEmpty(),
                "aliases shown in a code block are not the note's");
    }

    @Test
    void tagFacts() {
        Set<String> distinct = new TreeSet<>();
        int notesWithTags = 0;
        int tagsPerNote = 0;
        for (ExtractedDocument d : EXTRACTED.values()) {
            List<String> tags = d.listAttribute(ExtractedDocument.TAGS);
            distinct.addAll(tags);
            notesWithTags += tags.isEmpty() ? 0 : 1;
            tagsPerNote += tags.size();
        }
        assertEquals(21, distinct.size(), distinct.toString());
        assertEquals(55, notesWithTags);
        assertEquals(70, tagsPerNote);
        assertTrue(distinct.contains("feature/dates") && distinct.contains("plugin/dataview"), distinct.toString());
        assertTrue(distinct.stream().noneMatch(t -> t.chars().allMatch(Character::isDigit)), "no #1505-style numbers");
        assertFalse(distinct.contains("todo") || distinct.contains("health"), "tag-like text in code is not a tag");
        assertEquals(List.of("feature/dates"), doc("Getting Started/Dates.md").listAttribute(ExtractedDocument.TAGS));
        assertTrue(doc("Getting Started/Dates.md").sections().getFirst().paragraphs().contains("#feature/dates"),
                "the related-pages span keeps its text");
    }

    @Test
    void wikilinkFacts() {
        int links = 0;
        int aliased = 0;
        int headingLinks = 0;
        int sameNote = 0;
        int escapedPipes = 0;
        int pathQualified = 0;
        int embeds = 0;
        int headingEmbeds = 0;
        int imageEmbeds = 0;
        int comments = 0;
        for (ParsedNote n : NOTES.values()) {
            comments += n.comments();
            for (WikiLink l : n.wikiLinks()) {
                if (l.embed()) {
                    embeds++;
                    headingEmbeds += l.subpath() != null ? 1 : 0;
                    imageEmbeds += l.target().endsWith(".png") ? 1 : 0;
                    continue;
                }
                links++;
                aliased += l.alias() != null ? 1 : 0;
                headingLinks += l.subpath() != null ? 1 : 0;
                sameNote += l.subpath() != null && l.target().isEmpty() ? 1 : 0;
                escapedPipes += l.raw().contains("\\|") ? 1 : 0;
                pathQualified += l.target().contains("/") ? 1 : 0;
                assertFalse(l.isBlockReference(), "no block refs in the vault: " + l);
            }
        }
        assertEquals(1108, links);
        assertEquals(504, aliased);
        assertEquals(391, headingLinks);
        assertEquals(128, sameNote);
        assertEquals(17, escapedPipes);
        assertEquals(1, pathQualified);
        assertEquals(28, embeds);
        assertEquals(24, headingEmbeds);
        assertEquals(2, imageEmbeds);
        assertEquals(8, comments, "%% comments outside code");
    }

    @Test
    void everyLinkResolvesToANoteOrImageIgnoringCase() {
        Set<String> names = new HashSet<>();
        Set<String> lowerNames = new HashSet<>();
        for (String path : EXTRACTED.keySet()) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            names.add(name.substring(0, name.length() - 3));
            lowerNames.add(name.substring(0, name.length() - 3).toLowerCase());
        }
        int caseOnly = 0;
        for (ExtractedDocument d : EXTRACTED.values()) {
            for (String target : d.listAttribute(ExtractedDocument.LINKS)) {
                String base = target.substring(target.lastIndexOf('/') + 1);
                if (base.endsWith(".png")) {
                    continue;
                }
                assertTrue(lowerNames.contains(base.toLowerCase()), "unresolved link " + target);
            }
        }
        for (ParsedNote n : NOTES.values()) {
            for (WikiLink l : n.wikiLinks()) {
                String base = l.target().substring(l.target().lastIndexOf('/') + 1);
                if (!l.embed() && !base.isEmpty() && !names.contains(base)) {
                    caseOnly++;
                }
            }
        }
        assertEquals(18, caseOnly, "links that differ from the file name only in case");
    }

    @Test
    void knownLimitationsEmbedsTasksApi() {
        ExtractedDocument d = doc("Support and Help/Known Limitations.md");
        assertTrue(d.listAttribute(ExtractedDocument.LINKS).contains("Tasks Api"), d.listAttribute(ExtractedDocument.LINKS).toString());
        long embeds = NOTES.get("Support and Help/Known Limitations.md").wikiLinks().stream().filter(WikiLink::embed).count();
        assertEquals(24, embeds);
        assertFalse(String.join("\n", allParagraphs(d)).contains("MAINTENANCE NOTES"), "HTML comment dropped");
    }

    @Test
    void codeSpanLinksAndLinkCutByCodeDoNotCount() {
        ParsedNote style = NOTES.get("How To/Style custom statuses.md");
        String text = String.join("\n", allParagraphs(style.document()));
        assertTrue(text.contains("inside [[Set up custom statuses| and ], so it's more efficient"), "code text kept");
        long toSetUp = style.wikiLinks().stream().filter(l -> l.target().equals("Set up custom statuses")).count();
        assertEquals(1, toSetUp, "only the real link on line 98 counts");

        ParsedNote deps = NOTES.get("Editing/Auto-Suggest.md");
        assertTrue(deps.wikiLinks().stream().anyMatch(l -> l.raw().equals("Task Dependencies#`id`|allowed `id` characters")));
        assertTrue(String.join("\n", allParagraphs(deps.document())).contains("Be sure to stick to the allowed allowed id characters"));
    }

    @Test
    void obsidianCommentsAreDroppedOutsideCodeAndKeptInCode() {
        ExtractedDocument deps = doc("Getting Started/Task Dependencies.md");
        assertTrue(deps.sections().stream().noneMatch(s -> s.headingPath().contains("Duplicate id values")),
                "heading inside the multi-line %% comment is not a section");
        assertFalse(String.join("\n", allParagraphs(deps)).contains("This section commented out"));

        String placeholders = String.join("\n", allParagraphs(doc("Scripting/Placeholders.md")));
        assertFalse(placeholders.contains("IF THIS TEXT CHANGES"));

        String statusTypes = String.join("\n", allParagraphs(doc("Getting Started/Statuses/Status Types.md")));
        assertTrue(statusTypes.contains("Name for group by status.type | TODO | IN_PROGRESS | ON_HOLD | DONE | CANCELLED | NON_TASK"),
                "inline %%2%% comments dropped from the table row");

        String grouping = String.join("\n", allParagraphs(doc("Queries/Grouping.md")));
        assertTrue(grouping.contains("YYYY[%%]-MM[%%]"), "%% in code is kept");
    }

    @Test
    void calloutsKeepTextAndTitles() {
        String statuses = String.join("\n", allParagraphs(doc("Getting Started/Statuses.md")));
        assertTrue(statuses.contains("Custom Statuses were introduced in Tasks 1.23.0."));
        assertFalse(statuses.contains("[!released]"));
        assertFalse(statuses.contains("[!info]"));
    }

    @Test
    void headingPathsOfARealNote() {
        ExtractedDocument d = doc("Getting Started/Dates.md");
        assertEquals(List.of("Dates"), d.sections().getFirst().headingPath());
        assertTrue(d.sections().stream().anyMatch(s -> s.headingPath().equals(
                List.of("Dates", "When to work on a task", "Due date"))));
        assertTrue(d.sections().stream().anyMatch(s -> s.headingPath().equals(
                List.of("Dates", "Track task histories", "Created date", "Adding Created date to tasks"))));
    }
}
