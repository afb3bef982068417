package io.physcast.flink.forecast;

import io.physcast.flink.job.JobMetrics;
import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.cuda.ComputeDevice;
import io.physcast.model.trust.TrustSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful RGN operator, keyed by (region, variable): keeps the hidden graph state and
 * everything else in {@link ForecastState} (keyed state, checkpointed), hands each snapshot to the
 * {@link ForecastEngine}, emits one forecast per station and reports online scores as metrics. A
 * key silent for the time-to-live has its state removed.
 */
public final class Forecaster extends KeyedProcessFunction<String, GraphSnapshot, StationForecast> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Forecaster.class);
    private final String modelPath;
    private final int horizon;
    private final AdaptationSettings adaptation;
    private final long keyTtl;

    private final String device;
    private final TrustSettings trust;
    private transient ForecastEngine engine;
    private transient ValueState<ForecastState> state;
    private transient ValueState<Long> ttlTimer;
    private transient ForecasterMetrics metrics;

    /**
     * @param device {@code --device}: cpu, or cuda/auto for the TaskManager's GPU when it has one
     * @param trust the skill guard's and the intervals' settings
     */
    public Forecaster(
            String modelPath,
            int horizon,
            AdaptationSettings adaptation,
            long keyTtlMillis,
            String device,
            TrustSettings trust) {
        this.device = device;
        this.trust = trust;
        this.modelPath = modelPath;
        this.horizon = horizon;
        this.adaptation = adaptation;
        this.keyTtl = keyTtlMillis;
    }

    /** The keyed state's type: Flink's POJO serializer, never Kryo. */
    public static TypeInformation<ForecastState> stateType() {
        return TypeInformation.of(ForecastState.class);
    }

    /** The keyed state holding a key's {@link ForecastState}. */
    static ValueStateDescriptor<ForecastState> stateDescriptor() {
        return new ValueStateDescriptor<>("forecast", stateType());
    }

    @Override
    public void open(OpenContext ctx) {
        ModelArtifact artifact = ModelLoader.load(modelPath);
        // resolved here, on the TaskManager whose GPU (if any) the steps use
        ComputeDevice where = ComputeDevice.choose(device, LOG::info);
        engine = ForecastEngine.of(artifact, horizon, adaptation, where, trust);
        state = getRuntimeContext().getState(stateDescriptor());
        ttlTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("ttl", Types.LONG));
        metrics =
                new ForecasterMetrics(
                        getRuntimeContext().getMetricGroup().addGroup(JobMetrics.GROUP),
                        horizon,
                        trust.levels());
    }

    @Override
    public void processElement(GraphSnapshot s, Context ctx, Collector<StationForecast> out)
            throws Exception {
        long start = System.nanoTime();
        ForecastState st = state.value();
        if (st == null) {
            st = new ForecastState();
        }
        ForecastEngine.Outcome o = engine.onSnapshot(ctx.getCurrentKey(), st, s);
        state.update(st);
        for (StationForecast f : o.forecasts()) {
            out.collect(f);
        }
        metrics.record(ctx.getCurrentKey(), o, s, (System.nanoTime() - start) / 1e6);
        if (o.adaptation() != null) {
            HeadAdapter.Result a = o.adaptation();
            LOG.info(
                    "head adaptation {} at {}: loss {} -> {}, {}, {} s, stream waited {} s",
                    ctx.getCurrentKey(),
                    java.time.Instant.ofEpochMilli(s.windowEnd),
                    String.format("%.4f", a.lossBefore()),
                    String.format("%.4f", a.lossAfter()),
                    a.accepted() ? "accepted" : "rejected",
                    String.format("%.2f", a.seconds()),
                    String.format("%.2f", a.waitedSeconds()));
        }
        if (!s.correction) {
            Long old = ttlTimer.value();
            if (old != null) {
                ctx.timerService().deleteEventTimeTimer(old);
            }
            long t = s.windowEnd + keyTtl;
            ttlTimer.update(t);
            ctx.timerService().registerEventTimeTimer(t);
        }
    }

    @Override
    public void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        super.close();
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<StationForecast> out)
            throws Exception {
        Long t = ttlTimer.value();
        if (t != null && t == ts) {
            state.clear();
            ttlTimer.clear();
            metrics.forget(ctx.getCurrentKey());
        }
    }
}
