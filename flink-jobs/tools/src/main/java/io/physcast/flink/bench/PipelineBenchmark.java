package io.physcast.flink.bench;

import io.physcast.flink.config.JobConfig;
import io.physcast.flink.ingest.Ingested;
import io.physcast.flink.job.ForecastJob;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.TopicReader;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.artifact.Provenance;
import io.physcast.model.cli.CommandLines;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench.sh pipeline}: pre-loads readings of S stations, one per station per minute
 * (default 1,000 stations, 1,000,000 readings, about 17 hourly windows), then runs on the same
 * topic (a) a pass-through job with the same source, deserializer and exactly-once sink and no
 * model (twice, the second run counted), and (b) the whole forecasting job, each to the end of the
 * topic, and reports readings/s. Then the backfill rate: hourly windows per second for S stations
 * with one reading per station per window. With {@code --cluster}, the forecasting job on the local
 * multi-process cluster beside a MiniCluster ({@link ClusterPipelineBenchmark}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "scripts/bench.sh pipeline: the job's throughput on pre-loaded readings, beside a"
                    + " pass-through job; the backfill rate. With --cluster true: the job on the"
                    + " local multi-process cluster beside a MiniCluster."
        })
public final class PipelineBenchmark {
    private static final long HOUR = 3_600_000L;

    /** The job as every benchmark run sets it: to the end of the topic, no head adaptation. */
    static final String[] JOB_SETTINGS = {
        "--bounded", "true", "--adapt-every", "0", "--checkpoint-interval", "5s"
    };

    @Option(
            names = "--stations",
            defaultValue = "1000",
            paramLabel = "N",
            description = "Stations, each reporting once a minute.")
    int stations;

    @Option(
            names = "--readings",
            defaultValue = "1000000",
            paramLabel = "N",
            description = "Readings pre-loaded into the topic.")
    int readings;

    @Option(
            names = "--regions",
            paramLabel = "N",
            description = "Regions the stations are spread over (default: 1; with --cluster, 8).")
    Integer regions;

    @Option(
            names = "--backfill-windows",
            defaultValue = "60",
            paramLabel = "N",
            description = "Hourly windows of the backfill run.")
    int backfillWindows;

    @Option(
            names = "--skip-pass",
            defaultValue = "false",
            arity = "1",
            paramLabel = "true|false",
            description = "Leave out the pass-through job.")
    boolean skipPass;

    @Option(
            names = "--cluster",
            defaultValue = "false",
            arity = "1",
            paramLabel = "true|false",
            description =
                    "Run on the local multi-process cluster (flink run) beside a MiniCluster on"
                            + " the same brokers, instead of the in-process broker.")
    boolean cluster;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            paramLabel = "N",
            description = "The job's parallelism with --cluster.")
    int parallelism;

    @Option(
            names = "--model",
            defaultValue = "PA-DGN",
            paramLabel = "NAME",
            description = "Network of the generated model file.")
    String modelName;

    @Option(
            names = "--hidden",
            defaultValue = "16",
            paramLabel = "N",
            description = "Hidden size of the generated model.")
    int hidden;

    @Option(
            names = "--gru-layers",
            defaultValue = "1",
            paramLabel = "N",
            description = "GRU layers per update function of the generated model.")
    int gruLayers;

    public static void main(String[] argv) throws Exception {
        CommandLines.parse(new PipelineBenchmark(), argv).run();
    }

    private void run() throws Exception {
        boolean onCluster = cluster;
        int regions = this.regions != null ? this.regions : onCluster ? 8 : 1;
        long start0 = (System.currentTimeMillis() - 30L * 24 * HOUR) / HOUR * HOUR;
        BenchData data = new BenchData(stations, readings, regions, start0);
        Path dir = Files.createTempDirectory("physcast-bench");
        Path model = dir.resolve("model.zip");
        ModelSpec spec = new ModelSpec(modelName, hidden, gruLayers, 4, 12, 12, 1);
        ModelArtifactFile.write(
                model,
                ModelArtifact.forAnyStations(
                        spec,
                        spec.build(),
                        10f,
                        2f,
                        new Provenance("benchmark", Map.of(), Map.of(), Map.of())));
        System.out.printf(
                "machine: %d cores, java %s; model %s hidden %d, %d GRU layer(s)%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                spec.model(),
                spec.hidden(),
                spec.gruLayers());
        if (onCluster) {
            ClusterPipelineBenchmark.run(data, model, parallelism);
            return;
        }
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq", "passthrough");
            List<Message> load = data.messages();
            long t0 = System.nanoTime();
            Replay.send(kafka.clientProperties(), "readings", load, 0, n -> {});
            System.out.printf(
                    "pre-loaded %d readings in %.1f s%n", readings, (System.nanoTime() - t0) / 1e9);
            load = null;

            double pass = 1;
            if (!skipPass) {
                // twice: the first run in a fresh JVM also pays for class loading and compilation,
                // which the forecasting job after it would not
                double cold = passThrough(kafka, "bench-pass-first");
                pass = passThrough(kafka, "bench-pass");
                System.out.printf(
                        "pass-through job: %.0f readings/s (its first run, in the cold JVM: %.0f)%n",
                        readings / pass, readings / cold);
            }
            double full =
                    forecastJobOn(kafka.bootstrapServers(), model, "bench-full", Topics.DEFAULT, 1);
            long forecasts = checkForecasts(kafka.clientProperties(), Topics.DEFAULT, data);
            long written = count(kafka.clientProperties(), "forecasts", false);
            System.out.printf(
                    "forecasting job: %.0f readings/s (%d forecasts committed, %d written,"
                            + " %.0f%% of pass-through)%n",
                    readings / full, forecasts, written, 100 * pass / full);

            kafka.createTopics(1, "backfill", "backfill-forecasts");
            List<Message> year = new ArrayList<>();
            long start1 = start0 - 400L * 24 * HOUR;
            for (int w = 0; w < backfillWindows; w++) {
                for (int s = 0; s < stations; s++) {
                    year.add(data.reading(s, start1 + w * HOUR + 7 * s));
                }
            }
            Replay.send(kafka.clientProperties(), "backfill", year, 0, n -> {});
            double back =
                    forecastJobOn(
                            kafka.bootstrapServers(),
                            model,
                            "bench-backfill",
                            new Topics("backfill", "backfill-forecasts", "readings-dlq"),
                            1);
            System.out.printf(
                    "backfill: %d hourly windows of %d stations in %.1f s = %.2f windows/s"
                            + " (a year, 8,760 windows: %.0f min)%n",
                    backfillWindows,
                    stations,
                    back,
                    backfillWindows / back,
                    8760 / (backfillWindows / back) / 60);
        }
    }

    /** Source, deserializer and exactly-once sink as in the job; no windows, no model. */
    private static double passThrough(LocalKafkaBroker kafka, String group) throws Exception {
        JobConfig cfg =
                config(
                        kafka.bootstrapServers(),
                        Path.of("unused"),
                        group,
                        new Topics("readings", "passthrough", "readings-dlq"));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ForecastJob.flinkConfiguration(cfg));
        env.setParallelism(1);
        env.enableCheckpointing(cfg.checkpointInterval.toMillis());
        KafkaSource<Ingested> source = ForecastJob.source(cfg);
        KafkaRecordSerializationSchema<Ingested> out =
                (i, ctx, ts) ->
                        new ProducerRecord<>(
                                "passthrough",
                                null,
                                i.reading == null ? new byte[0] : i.reading.station.getBytes());
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "readings")
                .sinkTo(
                        KafkaSink.<Ingested>builder()
                                .setKafkaProducerConfig(cfg.kafkaProperties())
                                .setProperty("transaction.timeout.ms", "600000")
                                .setRecordSerializer(out)
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix(group)
                                .build());
        long t = System.nanoTime();
        env.execute("pass-through");
        return (System.nanoTime() - t) / 1e9;
    }

    /** The whole forecasting job, bounded, in a MiniCluster; returns its seconds. */
    static double forecastJobOn(
            String bootstrap, Path model, String group, Topics topics, int parallelism)
            throws Exception {
        JobConfig cfg = config(bootstrap, model, group, topics);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ForecastJob.flinkConfiguration(cfg));
        env.setParallelism(parallelism);
        ForecastJob.build(env, cfg);
        long t = System.nanoTime();
        env.execute(group);
        return (System.nanoTime() - t) / 1e9;
    }

    /** The job's input, output and dead-letter topics. */
    record Topics(String readings, String forecasts, String deadLetters) {
        static final Topics DEFAULT = new Topics("readings", "forecasts", "readings-dlq");
    }

    private static JobConfig config(String bootstrap, Path model, String group, Topics topics) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--bootstrap-servers",
                                bootstrap,
                                "--model",
                                model.toString(),
                                "--group-id",
                                group,
                                "--readings-topic",
                                topics.readings(),
                                "--forecasts-topic",
                                topics.forecasts(),
                                "--dlq-topic",
                                topics.deadLetters()));
        args.addAll(List.of(JOB_SETTINGS));
        return JobConfig.parse(args.toArray(String[]::new));
    }

    /**
     * Reads the committed forecasts once and checks that every station has one per complete window
     * (printing them per issue window when not, and the dead-letter count); exits non-zero when
     * forecasts are missing. Returns how many there are.
     */
    static long checkForecasts(Properties client, Topics topics, BenchData data) throws Exception {
        String topic = topics.forecasts();
        TreeMap<Long, Integer> byIssue = new TreeMap<>();
        try (TopicReader r = new TopicReader(client, topic, true)) {
            for (var rec : r.drain(Duration.ofSeconds(5))) {
                var f = AvroMessages.decodeForecast(rec.value());
                byIssue.merge(f.getIssueTime().toEpochMilli(), 1, Integer::sum);
            }
        }
        if (byIssue.values().stream().anyMatch(c -> c != data.stations())) {
            System.out.println("forecasts per issue window: " + byIssue);
        }
        System.out.println("dead letters: " + count(client, topics.deadLetters(), true));
        long forecasts = byIssue.values().stream().mapToLong(Integer::longValue).sum();
        if (forecasts != data.windows() * data.stations()) {
            System.out.printf(
                    "ERROR: %d forecasts in %s, expected %d (%d windows x %d stations)%n",
                    forecasts,
                    topic,
                    data.windows() * data.stations(),
                    data.windows(),
                    data.stations());
            System.exit(1);
        }
        return forecasts;
    }

    private static long count(Properties client, String topic, boolean committed) {
        try (TopicReader r = new TopicReader(client, topic, committed)) {
            return r.drain(Duration.ofSeconds(5)).size();
        }
    }
}
