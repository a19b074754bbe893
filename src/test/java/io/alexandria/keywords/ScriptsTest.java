package io.alexandria.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptsTest {

    @Test
    void textSplitsIntoCjkAndOtherRunsThatAddUpToIt() {
        String text = "Vue の v-model ディレクティブ（2 つ）";
        List<Scripts.Run> runs = Scripts.runs(text);
        assertEquals(List.of(new Scripts.Run("Vue ", false), new Scripts.Run("の ", true),
                new Scripts.Run("v-model ", false), new Scripts.Run("ディレクティブ（2 つ）", true)), runs);
        assertEquals(text, String.join("", runs.stream().map(Scripts.Run::text).toList()));
    }

    @Test
    void neutralCharactersStayInTheirRun() {
        assertEquals(List.of(new Scripts.Run("  42 ", false)), Scripts.runs("  42 "));
        assertEquals(List.of(new Scripts.Run("(コーヒー)", true)), Scripts.runs("(コーヒー)"));
        assertEquals(List.of(), Scripts.runs(""));
    }

    @Test
    void profileNamesTheCjkScripts() {
        assertEquals(new Scripts.Profile(true, true, false), Scripts.profile("東京へ"));
        assertEquals(new Scripts.Profile(false, false, true), Scripts.profile("서울 Seoul"));
        assertEquals(new Scripts.Profile(false, false, false), Scripts.profile("plain text"));
    }
}
