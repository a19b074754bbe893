package io.alexandria.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One part (dev or held-out) of a retrieval question set: a TSV file under
 * {@code src/test/resources/eval/} (format in that folder's {@code README.md}): one question a
 * line, {@code question<TAB>expected document[<TAB>second acceptable document]}, {@code #} lines
 * and blank lines ignored.
 *
 * @param resource  the classpath resource it was read from, e.g. {@code eval/books-dev.tsv}
 * @param questions in file order, never empty
 */
public record QuestionSet(String resource, List<Question> questions) {

    /** The two parts of every set. */
    public static final List<String> PARTS = List.of("dev", "heldout");

    /**
     * One question and the documents that answer it.
     *
     * @param line     1-based line number in the file
     * @param text     the question as a user would type it
     * @param relevant one or two acceptable documents, in file order, distinct
     */
    public record Question(int line, String text, List<String> relevant) {
    }

    public QuestionSet {
        questions = List.copyOf(questions);
    }

    /**
     * Reads {@code eval/<set>-<part>.tsv} from the test classpath.
     *
     * @param set  the set's name, e.g. {@code tasks-vault}
     * @param part {@code dev} or {@code heldout}
     * @throws IllegalArgumentException when the file is missing or a line is malformed (the message
     *                                  names the file and line)
     */
    public static QuestionSet load(String set, String part) {
        String resource = "eval/" + set + "-" + part + ".tsv";
        try (InputStream in = QuestionSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("question file not on the classpath: " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the text of a question file.
     *
     * @throws IllegalArgumentException on a line with fewer than 2 or more than 3 columns, an empty
     *                                  column, a repeated document, or a file without questions
     */
    public static QuestionSet parse(String resource, String text) {
        List<Question> questions = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            String where = resource + ":" + (i + 1) + ": ";
            if (cols.length < 2 || cols.length > 3) {
                throw new IllegalArgumentException(where + "expected 2 or 3 tab-separated columns, found "
                        + cols.length);
            }
            if (Arrays.stream(cols).anyMatch(c -> c.isBlank() || !c.equals(c.strip()))) {
                throw new IllegalArgumentException(where + "empty column or stray spaces around a tab");
            }
            List<String> relevant = List.of(cols).subList(1, cols.length);
            if (relevant.size() == 2 && relevant.get(0).equals(relevant.get(1))) {
                throw new IllegalArgumentException(where + "the second document repeats the first");
            }
            questions.add(new Question(i + 1, cols[0], relevant));
        }
        if (questions.isEmpty()) {
            throw new IllegalArgumentException(resource + ": no questions");
        }
        return new QuestionSet(resource, questions);
    }
}
