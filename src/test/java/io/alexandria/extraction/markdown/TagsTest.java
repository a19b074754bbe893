package io.alexandria.extraction.markdown;

import static io.alexandria.extraction.markdown.Notes.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Obsidian tags: frontmatter first, then inline tags outside code, de-duplicated. */
class TagsTest {

    @Test
    void inlineTagsInFirstSeenOrderWithoutHashAndNestedKeepSlash() {
        assertEquals(List.of("alpha", "feature/dates", "beta_2", "x-y"),
                tags("#alpha text #feature/dates and #beta_2, then #x-y. Again #alpha\n"));
    }

    @Test
    void frontmatterTagsComeFirstAndDuplicatesIgnoreCase() {
        assertEquals(List.of("Project", "inline"), tags("---\ntags: [Project]\n---\n#project #inline #INLINE\n"));
    }

    @Test
    void tagsInsideRawHtmlCount() {
        assertEquals(List.of("feature/dates", "plugin/dataview"),
                tags("<span class=\"related-pages\">#feature/dates #plugin/dataview</span>\n"));
        assertEquals(List.of("in-block"), tags("<div>\n<p>#in-block</p>\n</div>\n"));
    }

    @Test
    void numbersAreNotTags() {
        assertEquals(List.of(), tags("issue #1505 and (#1506) and #12.34 and #2024\n"));
        assertEquals(List.of("y1984", "2024-review"), tags("#y1984 #2024-review\n"));
    }

    @Test
    void hashesInUrlsWordsAndHeadingMarkersAreNotTags() {
        assertEquals(List.of(), tags("""
                # Heading
                ## Another
                See https://github.com/o/r/issues/1#issuecomment and http://x.org/#frag and C#.
                [link](http://x.org/#anchor) and <https://example.com/#auto>
                #
                """));
    }

    @Test
    void hashesInCodeAreNotTags() {
        assertEquals(List.of("real"), tags("""
                `#todo #health` #real

                ```
                - [ ] Do exercises #todo #health
                ```

                    #indented
                """));
        assertEquals(List.of(), tags("`code`#glued\n"));
    }

    @Test
    void tagsInsideListsTablesQuotesAndCalloutsCount() {
        assertEquals(List.of("inlist", "incell", "inquote", "incallout"),
                tags("- item #inlist\n\n| a |\n|---|\n| #incell |\n\n> #inquote\n\n> [!tip] Title\n> body #incallout\n"));
    }

    @Test
    void wikilinkHeadingsAreNotTags() {
        assertEquals(List.of(), tags("[[Note#Heading]] and [[#Local heading]] and ![[x#y]]\n"));
    }
}
