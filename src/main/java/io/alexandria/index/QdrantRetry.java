package io.alexandria.index;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Short retries of one Qdrant call on transient failures (unreachable, timeout, overloaded), with
 * exponential backoff and jitter, via the Failsafe library: 4 retries from 200 ms doubling to
 * 3 s, ±25 % jitter. Longer outages are the stage worker's business (it backs off and retries
 * indefinitely with the work kept in H2).
 */
public final class QdrantRetry {
    private static final RetryPolicy<Object> POLICY = RetryPolicy.builder()
            .handleIf(t -> t instanceof QdrantException q && q.isTransient())
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(3))
            .withJitter(0.25)
            .withMaxRetries(4)
            .build();

    private QdrantRetry() {
    }

    /**
     * Runs {@code call}, retrying transient failures.
     *
     * @throws QdrantException the last failure when retries are exhausted or it is not transient
     */
    public static <T> T call(Supplier<T> call) {
        try {
            return Failsafe.with(POLICY).get(call::get);
        } catch (FailsafeException e) {
            throw QdrantException.from(e.getCause() == null ? e : e.getCause());
        }
    }

    /** Like {@link #call} for calls without a result. */
    public static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}
