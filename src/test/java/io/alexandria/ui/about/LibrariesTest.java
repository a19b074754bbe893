package io.alexandria.ui.about;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Help › About's list stays complete: every runtime dependency of {@code pom.xml} (its group) is
 * named with a licence, and the version comes from the build.
 */
class LibrariesTest {
    @Test
    void everyRuntimeDependencyIsListedWithALicence() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String deps = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
        Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(deps);
        List<String> runtime = new ArrayList<>();
        while (m.find()) {
            String d = m.group(1);
            if (!d.contains("<scope>test</scope>")) {
                Matcher g = Pattern.compile("<groupId>(.*?)</groupId>").matcher(d);
                assertTrue(g.find(), d);
                runtime.add(g.group(1));
            }
        }
        assertFalse(runtime.isEmpty());
        List<Libraries.Library> libs = Libraries.list();
        Set<String> listed = libs.stream().flatMap(l -> List.of(l.groups().split(",")).stream()).map(String::strip)
                .collect(Collectors.toSet());
        for (String group : runtime) {
            assertTrue(listed.contains(group), group + " is missing from " + Libraries.RESOURCE);
        }
        for (Libraries.Library l : libs) {
            assertFalse(l.licence().isBlank(), l.name());
        }
        assertTrue(libs.stream().anyMatch(l -> l.name().equals("Noto Emoji font")
                && l.licence().contains("Open Font License")));
    }

    @Test
    void theVersionComesFromTheBuild() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher v = Pattern.compile("</modelVersion>\\s*<groupId>.*?</groupId>\\s*<artifactId>.*?</artifactId>\\s*"
                + "<version>(.*?)</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(v.find());
        assertTrue(Libraries.version().equals(v.group(1)), Libraries.version() + " vs " + v.group(1));
    }
}
