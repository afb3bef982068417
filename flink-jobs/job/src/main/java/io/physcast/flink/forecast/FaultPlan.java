package io.physcast.flink.forecast;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failure injection for recovery tests (issue: exactly-once under failures): the forecaster calls
 * {@link #beforeSnapshot} for every snapshot. {@link #none()} in production. A plan fails once per
 * JVM: after a restart the operator is a new instance, so "already failed" is kept statically.
 */
public final class FaultPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
    private static final FaultPlan NONE = new FaultPlan(null, -1, 0);

    private final String id;
    private final int failAfterSnapshots;
    private final long delayMillis;

    private FaultPlan(String id, int failAfterSnapshots, long delayMillis) {
        this.id = id;
        this.failAfterSnapshots = failAfterSnapshots;
        this.delayMillis = delayMillis;
    }

    public static FaultPlan none() {
        return NONE;
    }

    /**
     * Throws once, at the first snapshot after {@code snapshots} processed snapshots and at least
     * one completed checkpoint; every snapshot takes at least {@code delayMillis}, so that
     * checkpoints complete while the input lasts.
     */
    public static FaultPlan failOnceAfter(int snapshots, long delayMillis) {
        return new FaultPlan(UUID.randomUUID().toString(), snapshots, delayMillis);
    }

    /** Never fails; every snapshot takes at least {@code delayMillis} (keeps a job running). */
    public static FaultPlan slow(long delayMillis) {
        return new FaultPlan(UUID.randomUUID().toString(), Integer.MAX_VALUE, delayMillis);
    }

    public boolean failed() {
        return id != null && FAILED.contains(id);
    }

    void beforeSnapshot(long processed, long checkpointsCompleted) throws InterruptedException {
        if (id == null) {
            return;
        }
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        if (processed >= failAfterSnapshots && checkpointsCompleted > 0 && FAILED.add(id)) {
            throw new IllegalStateException("injected failure after " + processed + " snapshots");
        }
    }
}
