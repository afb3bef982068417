package io.physcast.flink.job;

import io.physcast.flink.config.JobConfig;
import io.physcast.flink.forecast.AdaptationSettings;
import io.physcast.flink.forecast.ForecastSerializer;
import io.physcast.flink.forecast.Forecaster;
import io.physcast.flink.forecast.StationForecast;
import io.physcast.flink.ingest.DeadLetterRecord;
import io.physcast.flink.ingest.DeadLetterSerializer;
import io.physcast.flink.ingest.GraphKey;
import io.physcast.flink.ingest.Ingested;
import io.physcast.flink.ingest.Reading;
import io.physcast.flink.ingest.ReadingDeserializer;
import io.physcast.flink.ingest.ReadingRules;
import io.physcast.flink.ingest.WindowAlignedWatermarks;
import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.flink.snapshot.SnapshotAssembler;
import io.physcast.flink.window.StationAggregate;
import io.physcast.flink.window.StationAggregator;
import io.physcast.flink.window.WindowStamp;
import io.physcast.model.cli.CommandLines;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The forecasting pipeline (DESIGN.md section 1): readings -> validated readings (dead letters to
 * the DLQ) -> per-station tumbling windows (late readings to the DLQ) -> graph snapshots per
 * (region, variable) -> the stateful RGN forecaster -> forecasts, both sinks exactly-once.
 */
public final class ForecastJob {
    static final OutputTag<Reading> LATE = new OutputTag<>("late-readings") {};

    /** Producer transactions must end within the broker's transaction.max.timeout.ms (15 min). */
    static final String TRANSACTION_TIMEOUT_MS = "600000";

    private ForecastJob() {}

    /** Flink settings the job relies on: no silent Kryo fallback for state or records. */
    public static Configuration flinkConfiguration(JobConfig cfg) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (cfg.checkpointDir != null) {
            conf.setString("execution.checkpointing.dir", cfg.checkpointDir);
            conf.setString("execution.checkpointing.storage", "filesystem");
        }
        return conf;
    }

    /** The job's intermediate streams, for tests that observe them. */
    public record Streams(
            DataStream<StationAggregate> aggregates,
            DataStream<GraphSnapshot> snapshots,
            DataStream<StationForecast> forecasts) {}

    /** Where the job's two outputs go: forecasts, and dead letters (bad and late readings). */
    public record Sinks(Sink<StationForecast> forecasts, Sink<DeadLetterRecord> deadLetters) {
        /** The production sinks: both Kafka topics, exactly once. */
        public static Sinks kafka(JobConfig cfg) {
            return new Sinks(
                    sink(cfg, new ForecastSerializer(cfg.forecastsTopic), "forecasts"),
                    sink(cfg, new DeadLetterSerializer(cfg.deadLetterTopic), "dlq"));
        }
    }

    /** The whole job: Kafka in, Kafka out. */
    public static Streams build(StreamExecutionEnvironment env, JobConfig cfg) {
        configure(env, cfg);
        return build(cfg, readings(env, cfg), Sinks.kafka(cfg));
    }

    /** Parallelism and exactly-once checkpoints. */
    public static void configure(StreamExecutionEnvironment env, JobConfig cfg) {
        if (cfg.parallelism > 0) {
            env.setParallelism(cfg.parallelism);
        } else if (env instanceof LocalStreamEnvironment) {
            env.setParallelism(1); // in-process runs: one pipeline, not one per core
        } // on a cluster: flink run -p N, else the cluster's parallelism.default
        env.enableCheckpointing(cfg.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    }

    /** The readings topic with the job's deserializer and event-time watermarks. */
    public static DataStream<Ingested> readings(StreamExecutionEnvironment env, JobConfig cfg) {
        return env.fromSource(source(cfg), watermarks(cfg), "readings").uid("readings-source");
    }

    /**
     * The pipeline from ingested messages to its sinks. Tests put their own stages in front of it
     * (a fault injector after the source) or their own sinks behind it.
     */
    public static Streams build(JobConfig cfg, DataStream<Ingested> ingested, Sinks sinks) {
        SingleOutputStreamOperator<Reading> readings =
                ingested.process(new IngestRouter()).name("validate").uid("validate");

        SingleOutputStreamOperator<StationAggregate> aggregates =
                readings.keyBy(Reading::stationKey)
                        .window(TumblingEventTimeWindows.of(cfg.window))
                        .allowedLateness(cfg.allowedLateness)
                        .sideOutputLateData(LATE)
                        .aggregate(new StationAggregator(), new WindowStamp())
                        .name("station-windows")
                        .uid("station-windows");
        DataStream<DeadLetterRecord> late =
                aggregates
                        .getSideOutput(LATE)
                        .map(new LateReadings(cfg.readingsTopic, cfg.windowMillis()))
                        .name("late-readings")
                        .uid("late-readings");

        DataStream<GraphSnapshot> snapshots =
                aggregates
                        .keyBy(a -> GraphKey.of(a.region, a.variable))
                        .process(
                                new SnapshotAssembler(
                                        cfg.windowMillis(),
                                        cfg.allowedLateness.toMillis(),
                                        cfg.keyTtl.toMillis(),
                                        cfg.k,
                                        cfg.maxGapWindows,
                                        cfg.stationTtl.toMillis()))
                        .name("snapshot-assembler")
                        .uid("snapshot-assembler");
        DataStream<StationForecast> forecasts =
                snapshots
                        .keyBy(s -> GraphKey.of(s.region, s.variable))
                        .process(
                                new Forecaster(
                                        cfg.modelPath,
                                        cfg.horizon,
                                        new AdaptationSettings(
                                                cfg.adaptWindow,
                                                cfg.adaptEvery,
                                                cfg.adaptIterations,
                                                cfg.calibrationWindows,
                                                cfg.adaptAsyncWindows),
                                        cfg.keyTtl.toMillis(),
                                        cfg.device,
                                        cfg.trust))
                        .name("forecaster")
                        .uid("forecaster");

        forecasts.sinkTo(sinks.forecasts()).name("forecasts-sink").uid("forecasts-sink");
        readings.getSideOutput(IngestRouter.DEAD)
                .union(late)
                .sinkTo(sinks.deadLetters())
                .name("dlq-sink")
                .uid("dlq-sink");
        return new Streams(aggregates, snapshots, forecasts);
    }

    /**
     * The readings source: committed offsets (earliest at first start), never-throwing
     * deserializer.
     */
    public static KafkaSource<Ingested> source(JobConfig cfg) {
        KafkaSourceBuilder<Ingested> b =
                KafkaSource.<Ingested>builder()
                        .setProperties(cfg.kafkaProperties())
                        .setTopics(cfg.readingsTopic)
                        .setGroupId(cfg.groupId)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(
                                new ReadingDeserializer(
                                        new ReadingRules(cfg.earliest, cfg.maxFuture.toMillis())));
        if (cfg.bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static WatermarkStrategy<Ingested> watermarks(JobConfig cfg) {
        long ooo = cfg.outOfOrderness.toMillis();
        long lateness = cfg.allowedLateness.toMillis();
        return WatermarkStrategy.<Ingested>forGenerator(
                        ctx -> new WindowAlignedWatermarks<>(ooo, cfg.windowMillis(), lateness))
                .withTimestampAssigner(
                        (i, ts) -> i.reading != null ? i.reading.eventTime : Long.MIN_VALUE)
                .withIdleness(cfg.idleness);
    }

    static <T> KafkaSink<T> sink(
            JobConfig cfg, KafkaRecordSerializationSchema<T> serializer, String name) {
        Properties p = cfg.kafkaProperties();
        p.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(p)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(cfg.groupId + "-" + name)
                .build();
    }

    /**
     * Entry point on a Flink cluster: {@code flink run physcast-flink-job.jar --bootstrap-servers
     * ... --model ...}.
     */
    public static void main(String[] args) throws Exception {
        JobConfig cfg;
        try {
            cfg = JobConfig.parse(args);
        } catch (CommandLines.HelpShown e) {
            return;
        }
        Preflight.check(cfg);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(cfg));
        build(env, cfg);
        env.execute("physcast-forecaster");
    }
}
