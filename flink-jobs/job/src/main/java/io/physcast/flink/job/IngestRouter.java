package io.physcast.flink.job;

import io.physcast.flink.ingest.DeadLetterRecord;
import io.physcast.flink.ingest.Ingested;
import io.physcast.flink.ingest.Reading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits the source's output: readings go on, dead letters to a side output; both counted. */
final class IngestRouter extends ProcessFunction<Ingested, Reading> {
    private static final long serialVersionUID = 1L;
    static final OutputTag<DeadLetterRecord> DEAD = new OutputTag<>("dead-letters") {};

    private transient Counter readings;
    private transient Counter dead;

    @Override
    public void open(OpenContext ctx) {
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup(JobMetrics.GROUP);
        readings = g.counter("readingsIn");
        dead = g.counter("deadLetters");
    }

    @Override
    public void processElement(Ingested in, Context ctx, Collector<Reading> out) {
        if (in.reading != null) {
            readings.inc();
            out.collect(in.reading);
        } else {
            dead.inc();
            ctx.output(DEAD, in.deadLetter);
        }
    }
}
