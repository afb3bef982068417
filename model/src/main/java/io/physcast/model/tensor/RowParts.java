package io.physcast.model.tensor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs consecutive row ranges of one operation at once: the first on the calling thread, the others
 * on shared worker threads. A range no worker has started by the time the caller has finished its
 * own is run by the caller, so a busy pool (several operators sharing one JVM) slows a call down to
 * one thread's speed but never makes it wait on other callers' work.
 */
public final class RowParts {
    /** The body of one range of rows, {@code from} inclusive, {@code to} exclusive. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * How long an idle worker polls before it parks: a step's products come a fraction of a
     * millisecond apart, and waking a parked thread can take longer than half a product.
     */
    private static final long SPIN_NANOS = 200_000;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int parts;
    private final ConcurrentLinkedQueue<FutureTask<Void>> queue = new ConcurrentLinkedQueue<>();
    private final Worker[] workers;

    /**
     * @param parts ranges per call, 1 = everything on the calling thread
     */
    public RowParts(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("need at least one part, got " + parts);
        }
        this.parts = parts;
        workers = new Worker[parts - 1];
        int pool = POOLS.incrementAndGet();
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("physcast-rows-" + pool + "-" + (i + 1));
            workers[i].start();
        }
    }

    public int parts() {
        return parts;
    }

    /**
     * {@code body} over {@code [0, rows)} in up to {@link #parts()} ranges of at least {@code
     * minRows} rows each, every range but the last starting and ending on a multiple of {@code
     * align}; returns when all are done, rethrowing the first failure.
     */
    public void run(int rows, int minRows, int align, Range body) {
        int count = Math.min(parts, rows / Math.max(Math.max(1, minRows), align));
        if (count <= 1) {
            body.run(0, rows);
            return;
        }
        @SuppressWarnings("unchecked")
        FutureTask<Void>[] others = new FutureTask[count - 1];
        for (int p = 1; p < count; p++) {
            int from = bound(rows, count, p, align);
            int to = bound(rows, count, p + 1, align);
            others[p - 1] = new FutureTask<>(() -> body.run(from, to), null);
            queue.add(others[p - 1]);
        }
        for (Worker w : workers) {
            w.wake();
        }
        body.run(0, bound(rows, count, 1, align));
        for (FutureTask<Void> f : others) {
            f.run(); // a no-op when a worker has started it
        }
        for (FutureTask<Void> f : others) {
            await(f);
        }
    }

    private static int bound(int rows, int count, int p, int align) {
        if (p == count) {
            return rows;
        }
        return (int) ((long) rows * p / count / align * align);
    }

    private static void await(FutureTask<Void> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the range is running on our arrays: finish waiting
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Polls the queue, spinning a while after each task before it parks. */
    private final class Worker extends Thread {
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void wake() {
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                FutureTask<Void> task = queue.poll();
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (task == null && System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    task = queue.poll();
                }
                if (task == null) {
                    parked = true;
                    task = queue.poll(); // added before the flag was seen: no wake-up would come
                    if (task == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
                if (task != null) {
                    task.run();
                }
            }
        }
    }
}
