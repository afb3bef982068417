package io.physcast.flink.job;

import io.physcast.flink.ingest.Ingested;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A stage the recovery tests put between the job's source and the rest of the pipeline: every
 * message takes at least {@code delayMillis} (so checkpoints complete while the input lasts), and a
 * failing plan throws once, at the first message after {@code failAfter} messages and at least one
 * completed checkpoint. After the restart the function is a new instance, so "already failed" is
 * kept statically, per plan.
 */
final class FaultInjector extends RichMapFunction<Ingested, Ingested>
        implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    private final String id = UUID.randomUUID().toString();
    private final long failAfter;
    private final long delayMillis;
    private transient long seen;
    private transient long checkpointsCompleted;

    private FaultInjector(long failAfter, long delayMillis) {
        this.failAfter = failAfter;
        this.delayMillis = delayMillis;
    }

    /** Fails once after {@code messages} messages and a completed checkpoint. */
    static FaultInjector failOnceAfter(long messages, long delayMillis) {
        return new FaultInjector(messages, delayMillis);
    }

    /** Never fails; slows the input so that a job keeps running. */
    static FaultInjector slow(long delayMillis) {
        return new FaultInjector(Long.MAX_VALUE, delayMillis);
    }

    boolean failed() {
        return FAILED.contains(id);
    }

    /** The job's input with this stage after it. */
    DataStream<Ingested> after(DataStream<Ingested> input) {
        return input.map(this).name("fault-injector").uid("fault-injector");
    }

    @Override
    public Ingested map(Ingested in) throws Exception {
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        if (seen++ >= failAfter && checkpointsCompleted > 0 && FAILED.add(id)) {
            throw new IllegalStateException("injected failure after " + seen + " messages");
        }
        return in;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointsCompleted++;
    }
}
