package io.alexandria.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fixed set of platform threads, each known by its index (so each can own a model session),
 * taking jobs from one shared queue. Jobs from several callers interleave; a caller waits for its
 * own jobs only and gets their results on its own thread, in the order they finish.
 */
final class WorkerPool {
    /** Work for one worker; {@code worker} is the thread's index, 0 to threads - 1. */
    @FunctionalInterface
    interface Job<T> {
        T run(int worker) throws EmbeddingException;
    }

    /** A finished job: its index in the caller's list, and its value or error; {@code nanos} is the job's wall time. */
    @FunctionalInterface
    interface Done<T> {
        void accept(int index, T value, Throwable error, long nanos);
    }

    private static final long CLOSE_WAIT_SECONDS = 60;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    WorkerPool(String name, int size) {
        for (int i = 0; i < size; i++) {
            int index = i;
            Thread t = Thread.ofPlatform().daemon().name(name + "-" + i).unstarted(() -> work(index));
            threads.add(t);
            t.start();
        }
    }

    private void work(int index) {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == Task.STOP) {
                return;
            }
            task.run(index);
        }
    }

    /**
     * Runs one job on a worker and waits for it.
     *
     * @throws EmbeddingException what the job threw (an unchecked failure is wrapped), or when the
     *                            pool is closed or the caller is interrupted
     */
    <T> T call(Job<T> job) throws EmbeddingException {
        List<Object> value = new ArrayList<>(1);
        Throwable[] error = new Throwable[1];
        runAll(List.of(job), (i, v, e, nanos) -> {
            value.add(v);
            error[0] = e;
        });
        if (error[0] instanceof EmbeddingException e) {
            throw e;
        }
        if (error[0] != null) {
            throw new EmbeddingException("embedding failed: " + error[0], error[0]);
        }
        @SuppressWarnings("unchecked")
        T v = (T) value.getFirst();
        return v;
    }

    /**
     * Queues every job and hands each result to {@code done} on the calling thread as it arrives.
     * When {@code done} throws, the caller's jobs not yet started are skipped and the exception
     * propagates.
     *
     * @throws EmbeddingException when the pool is closed (before or while waiting) or the caller is
     *                            interrupted (its interrupt flag is kept)
     */
    <T> void runAll(List<Job<T>> jobs, Done<T> done) throws EmbeddingException {
        if (jobs.isEmpty()) {
            return;
        }
        BlockingQueue<Result> results = new LinkedBlockingQueue<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        for (int i = 0; i < jobs.size(); i++) {
            Job<T> job = jobs.get(i);
            int index = i;
            queue.add(new Task(worker -> {
                if (cancelled.get()) {
                    results.add(new Result(index, null, null, 0, true));
                    return;
                }
                long t0 = System.nanoTime();
                try {
                    Object v = job.run(worker);
                    results.add(new Result(index, v, null, System.nanoTime() - t0, false));
                } catch (Throwable e) {
                    results.add(new Result(index, null, e, System.nanoTime() - t0, false));
                }
            }, () -> results.add(new Result(index, null, new EmbeddingException("the embedder was closed"), 0, false))));
        }
        if (closed) {
            abandonQueued();
        }
        try {
            for (int received = 0; received < jobs.size(); received++) {
                Result r = results.take();
                if (r.skipped) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                T v = (T) r.value;
                done.accept(r.index, v, r.error, r.nanos);
            }
        } catch (InterruptedException e) {
            cancelled.set(true);
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while embedding", e);
        } catch (RuntimeException | Error e) {
            cancelled.set(true);
            throw e;
        }
    }

    /**
     * Stops the workers: queued jobs fail with "the embedder was closed", running ones finish.
     *
     * @return whether every worker ended within a minute (only then may their sessions be closed)
     */
    boolean shutdown() {
        closed = true;
        abandonQueued();
        for (int i = 0; i < threads.size(); i++) {
            queue.add(Task.STOP);
        }
        boolean ended = true;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended &= !t.isAlive();
        }
        return ended;
    }

    private void abandonQueued() {
        List<Task> left = new ArrayList<>();
        queue.drainTo(left);
        for (Task t : left) {
            if (t != Task.STOP) {
                t.abandon.run();
            }
        }
    }

    private record Task(java.util.function.IntConsumer body, Runnable abandon) {
        static final Task STOP = new Task(w -> { }, () -> { });

        void run(int worker) {
            body.accept(worker);
        }
    }

    private record Result(int index, Object value, Throwable error, long nanos, boolean skipped) {
    }
}
