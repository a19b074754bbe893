package io.alexandria.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a question repeats a content word of its document's name or title — the line between
 * an "exact-term" question and a paraphrase, which a user who forgot the page's name would ask.
 * Latin-script words are compared after dropping stop words and a light stemming (plural
 * {@code -s}/{@code -ies}, then the first 5 letters, so {@code recurring}/{@code recurrence} and
 * {@code statuses}/{@code status} match). Japanese text has no spaces: runs of kanji or of katakana
 * of 2 characters or more count as words, and a question shares one when it contains a title run
 * or the title contains one of its runs.
 */
public final class TitleWords {
    private static final Pattern LATIN = Pattern.compile("[\\p{IsLatin}\\p{Nd}]+");
    private static final Pattern CJK_RUN = Pattern.compile("\\p{IsHan}{2,}|[\\p{IsKatakana}ー]{2,}");
    private static final Set<String> STOP = Set.of(("a an the and or but if of to in on at by for with from as into"
            + " onto about than then so such that this these those it its is are was were be been being do does did"
            + " has have had can could will would should shall may might must i me my mine you your we our they them"
            + " their he his she her what which who whom whose why how when where there here not no yes all any each"
            + " every some one only own same other another more most very just also too up down out off over under"
            + " again after before while between without within per via get got let lets like want way s t md")
            .split(" "));

    private TitleWords() {
    }

    /**
     * True when {@code question} shares a content word with any of {@code titles} (file name,
     * title heading…), by the rules in the class comment.
     */
    public static boolean shared(String question, List<String> titles) {
        Set<String> words = latinStems(question);
        Set<String> runs = cjkRuns(question);
        for (String title : titles) {
            for (String w : latinStems(title)) {
                if (words.contains(w)) {
                    return true;
                }
            }
            for (String run : cjkRuns(title)) {
                if (question.contains(run)) {
                    return true;
                }
            }
            for (String run : runs) {
                if (title.contains(run)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Set<String> latinStems(String text) {
        Set<String> stems = new HashSet<>();
        Matcher m = LATIN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (w.length() < 2 || STOP.contains(w)) {
                continue;
            }
            if (w.endsWith("ies") && w.length() > 4) {
                w = w.substring(0, w.length() - 3) + "y";
            } else if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
                w = w.substring(0, w.length() - 1);
            }
            stems.add(w.length() > 5 ? w.substring(0, 5) : w);
        }
        return stems;
    }

    static Set<String> cjkRuns(String text) {
        Set<String> runs = new HashSet<>();
        Matcher m = CJK_RUN.matcher(text);
        while (m.find()) {
            runs.add(m.group());
        }
        return runs;
    }
}
