package io.alexandria.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.bench.QuestionSet.Question;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The retrieval question sets of {@code src/test/resources/eval/}: they parse, have the agreed
 * sizes and dev/held-out split, name only documents that exist in the corpus, and the vault sets
 * are mostly paraphrases rather than repetitions of the page title.
 */
class QuestionSetsTest {
    /** Minimum questions per set (dev and held-out together), as issue #15 asks. */
    private static final Map<EvalCorpus, Integer> MINIMUM = Map.of(EvalCorpus.TASKS_VAULT, 40, EvalCorpus.BOOKS, 15,
            EvalCorpus.JAPANESE_VUE, 30);

    @Test
    void everySetParsesAndIsSplitRoughly60To40() {
        for (EvalCorpus corpus : EvalCorpus.values()) {
            QuestionSet dev = QuestionSet.load(corpus.setName(), "dev");
            QuestionSet heldOut = QuestionSet.load(corpus.setName(), "heldout");
            int total = dev.questions().size() + heldOut.questions().size();
            assertTrue(total >= MINIMUM.get(corpus), corpus + ": " + total + " questions");
            double heldOutShare = heldOut.questions().size() / (double) total;
            assertTrue(heldOutShare >= 0.3 && heldOutShare <= 0.5, corpus + ": held-out share " + heldOutShare);
        }
    }

    @Test
    void noQuestionIsAskedTwiceWithinOrAcrossParts() {
        for (EvalCorpus corpus : EvalCorpus.values()) {
            Set<String> seen = new HashSet<>();
            for (String part : QuestionSet.PARTS) {
                for (Question q : QuestionSet.load(corpus.setName(), part).questions()) {
                    assertTrue(seen.add(q.text()), corpus + " " + part + ":" + q.line() + " repeats: " + q.text());
                }
            }
        }
    }

    @Test
    void everyExpectedDocumentExistsInTheCorpus() {
        Path root = Corpus.require();
        for (EvalCorpus corpus : EvalCorpus.values()) {
            Set<String> documents = corpus.documents(root.resolve(corpus.folder()));
            assertFalse(documents.isEmpty(), corpus.folder());
            List<String> missing = new ArrayList<>();
            for (String part : QuestionSet.PARTS) {
                QuestionSet set = QuestionSet.load(corpus.setName(), part);
                for (Question q : set.questions()) {
                    q.relevant().stream().filter(d -> !documents.contains(d))
                            .forEach(d -> missing.add(set.resource() + ":" + q.line() + " " + d));
                }
            }
            assertEquals(List.of(), missing, "documents named but absent from " + corpus.folder());
        }
    }

    @Test
    void theBooksAreTheThreeOfTheCalibreLibrary() {
        Path root = Corpus.require();
        assertEquals(Set.of("The Great Gatsby", "The Strange Case of Dr. Jekyll and Mr. Hyde", "The Time Machine"),
                EvalCorpus.BOOKS.documents(root.resolve("calibre-library")));
    }

    @Test
    void mostVaultQuestionsShareNoWordWithTheirNotesTitle() {
        Path root = Corpus.require();
        for (EvalCorpus corpus : List.of(EvalCorpus.TASKS_VAULT, EvalCorpus.JAPANESE_VUE)) {
            Path folder = root.resolve(corpus.folder());
            for (String part : QuestionSet.PARTS) {
                List<Question> questions = QuestionSet.load(corpus.setName(), part).questions();
                long paraphrases = questions.stream()
                        .filter(q -> !TitleWords.shared(q.text(), corpus.titlesOf(folder, q.relevant().getFirst())))
                        .count();
                assertTrue(paraphrases >= 0.6 * questions.size(),
                        corpus + " " + part + ": only " + paraphrases + " of " + questions.size() + " are paraphrases");
            }
        }
    }

    @Test
    void someVaultQuestionsAcceptTwoNotes() {
        for (String part : QuestionSet.PARTS) {
            long two = QuestionSet.load(EvalCorpus.TASKS_VAULT.setName(), part).questions().stream()
                    .filter(q -> q.relevant().size() == 2).count();
            assertTrue(two >= 3, part + ": " + two);
        }
    }

    @Test
    void aMalformedLineIsRejectedWithItsLineNumber() {
        String ok = "# comment\n\nWhat is it?\tA.md\tB.md\n";
        QuestionSet set = QuestionSet.parse("x.tsv", ok);
        assertEquals(List.of(new Question(3, "What is it?", List.of("A.md", "B.md"))), set.questions());
        IllegalArgumentException oneColumn = assertThrows(IllegalArgumentException.class,
                () -> QuestionSet.parse("x.tsv", "# c\nno tab here\n"));
        assertTrue(oneColumn.getMessage().startsWith("x.tsv:2: "), oneColumn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuestionSet.parse("x.tsv", "q\tA.md\tB.md\tC.md\n"));
        assertThrows(IllegalArgumentException.class, () -> QuestionSet.parse("x.tsv", "q\tA.md \n"));
        assertThrows(IllegalArgumentException.class, () -> QuestionSet.parse("x.tsv", "q\tA.md\tA.md\n"));
        assertThrows(IllegalArgumentException.class, () -> QuestionSet.parse("x.tsv", "# only comments\n"));
    }

    @Test
    void titleWordsMatchStemsAndJapaneseRunsButNotParaphrases() {
        assertTrue(TitleWords.shared("How do I add recurring chores?", List.of("Recurring Tasks (Repetition)")));
        assertTrue(TitleWords.shared("Which statuses exist?", List.of("Status Types")));
        assertFalse(TitleWords.shared("Can I get an alarm at a particular time of day?", List.of("Notifications")));
        assertFalse(TitleWords.shared("How do I show the items that are due?", List.of("About Queries")));
        assertTrue(TitleWords.shared("条件付きレンダリングの書き方は？", List.of("条件付きレンダリング ")));
        assertTrue(TitleWords.shared("状態の保存方法", List.of("状態管理")));
        assertFalse(TitleWords.shared("v-if と v-show の違いは？", List.of("conditional", "条件付きレンダリング ")));
    }
}
