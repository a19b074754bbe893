package io.alexandria.extraction;

import io.alexandria.testsupport.HostileInputs;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/**
 * The hostile-input suite ({@link HostileInputsSuite}) at {@link HostileInputs.Scale#FULL}, the sizes
 * of the issues: 5 MB notes, 100,000 wikilinks, a million tags, a 40 MB note, a 33 Mi-character
 * book, a 5,000-page PDF. Several minutes on a busy 2-core machine, so tagged {@code slow}
 * ({@code mvn test -Pslow -Dtest=HostileInputsFullTest}). Live heap bound: 1,536 MiB of the test
 * JVM's 3 GiB.
 */
@Tag("slow")
class HostileInputsFullTest extends HostileInputsSuite {
    @Override
    HostileInputs.Scale scale() {
        return HostileInputs.Scale.FULL;
    }

    @Override
    long liveHeapBoundMib() {
        return 1536;
    }

    @Override
    Duration hangGuard() {
        return Duration.ofSeconds(300);
    }
}
