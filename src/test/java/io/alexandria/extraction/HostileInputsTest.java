package io.alexandria.extraction;

import io.alexandria.testsupport.HostileInputs;
import java.time.Duration;

/**
 * The hostile-input suite ({@link HostileInputsSuite}) at {@link HostileInputs.Scale#SMALL}: every
 * shape of the issues, small enough for the default test run. Live heap bound: 512 MiB.
 */
class HostileInputsTest extends HostileInputsSuite {
    @Override
    HostileInputs.Scale scale() {
        return HostileInputs.Scale.SMALL;
    }

    @Override
    long liveHeapBoundMib() {
        return 512;
    }

    @Override
    Duration hangGuard() {
        return Duration.ofSeconds(60);
    }
}
