package io.alexandria.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.ServiceLoader;
import org.kordamp.ikonli.IkonHandler;

/** Every Material Design icon the window names (in Java and FXML) exists in the bundled icon pack. */
class IconsTest {
    @Test
    void everyIconLiteralResolves() throws Exception {
        Pattern literal = Pattern.compile("\\bmdi2[a-z]-[a-z0-9-]+[a-z0-9]");
        Set<String> found = new TreeSet<>();
        for (Path root : new Path[] {Path.of("src/main/java"), Path.of("src/main/resources/fxml")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = literal.matcher(Files.readString(f));
                    while (m.find()) {
                        found.add(m.group());
                    }
                }
            }
        }
        assertFalse(found.isEmpty());
        List<IkonHandler> handlers = ServiceLoader.load(IkonHandler.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        for (String icon : found) {
            IkonHandler h = handlers.stream().filter(x -> x.supports(icon)).findFirst().orElse(null);
            assertNotNull(h, "no icon pack for " + icon);
            Object ikon;
            try {
                ikon = h.resolve(icon);
            } catch (IllegalArgumentException e) {
                ikon = null;
            }
            assertNotNull(ikon, icon + " is not in the icon pack");
        }
    }
}
