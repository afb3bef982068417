package io.physcast.flink.bench;

import io.physcast.flink.config.JobConfig;
import io.physcast.flink.ingest.Ingested;
import io.physcast.flink.job.ForecastJob;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Messages;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.TopicReader;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.artifact.Provenance;
import io.physcast.model.cli.Args;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code scripts/bench.sh pipeline}: pre-loads readings of S stations, one per station per minute
 * (default 1,000 stations, 1,000,000 readings, about 17 hourly windows), then runs on the same
 * topic (a) a pass-through job with the same source, deserializer and exactly-once sink and no
 * model (twice, the second run counted), and (b) the whole forecasting job, each to the end of the
 * topic, and reports readings/s. Then the backfill rate: hourly windows per second for S stations
 * with one reading per station per window.
 */
public final class PipelineBenchmark {
    private static final long HOUR = 3_600_000L;

    private PipelineBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, Set.of());
        int stations = a.getInt("stations", 1000);
        int readings = a.getInt("readings", 1_000_000);
        int backfillWindows = a.getInt("backfill-windows", 60);
        Path dir = Files.createTempDirectory("physcast-bench");
        Path model = dir.resolve("model.zip");
        ModelSpec spec =
                new ModelSpec(
                        a.get("model", "PA-DGN"),
                        a.getInt("hidden", 16),
                        a.getInt("gru-layers", 1),
                        4,
                        12,
                        12,
                        1);
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
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq", "passthrough");
            long start0 = (System.currentTimeMillis() - 30L * 24 * HOUR) / HOUR * HOUR;
            List<Message> load = new ArrayList<>(readings);
            for (int i = 0; i < readings; i++) {
                int s = i % stations;
                long minute = i / stations;
                load.add(reading(s, start0 + minute * 60_000L + s));
            }
            long t0 = System.nanoTime();
            Replay.send(kafka.clientProperties(), "readings", load, 0, n -> {});
            System.out.printf(
                    "pre-loaded %d readings in %.1f s%n", readings, (System.nanoTime() - t0) / 1e9);
            load = null;

            double pass = 1;
            if (!a.get("skip-pass", "false").equals("true")) {
                // twice: the first run in a fresh JVM also pays for class loading and compilation,
                // which the forecasting job after it would not
                double cold = passThrough(kafka, "bench-pass-first");
                pass = passThrough(kafka, "bench-pass");
                System.out.printf(
                        "pass-through job: %.0f readings/s (its first run, in the cold JVM: %.0f)%n",
                        readings / pass, readings / cold);
            }
            double full = forecastJob(kafka, model, dir, "bench-full");
            long forecasts = perWindow(kafka, stations);
            long written = count(kafka, "forecasts", false);
            long windows = ((long) readings / stations + 59) / 60;
            if (forecasts != windows * stations) {
                System.out.printf(
                        "ERROR: %d forecasts, expected %d (%d windows x %d stations)%n",
                        forecasts, windows * stations, windows, stations);
                System.exit(1);
            }
            System.out.printf(
                    "forecasting job: %.0f readings/s (%d forecasts committed, %d written,"
                            + " %.0f%% of pass-through)%n",
                    readings / full, forecasts, written, 100 * pass / full);

            kafka.createTopics(1, "backfill", "backfill-forecasts");
            List<Message> year = new ArrayList<>();
            long start1 = start0 - 400L * 24 * HOUR;
            for (int w = 0; w < backfillWindows; w++) {
                for (int s = 0; s < stations; s++) {
                    year.add(reading(s, start1 + w * HOUR + 7 * s));
                }
            }
            Replay.send(kafka.clientProperties(), "backfill", year, 0, n -> {});
            double back =
                    forecastJobOn(
                            kafka, model, dir, "bench-backfill", "backfill", "backfill-forecasts");
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

    private static Message reading(int s, long time) {
        double lat = 50 + 5.0 * (s % 40) / 40 + 0.001 * s;
        double lon = 5 + 8.0 * (s / 40) / 25 + 0.0007 * s;
        return Messages.reading(
                time, "bench", "pm10", "st" + s, time, lat, lon, 10 + Math.sin(s + time / 3.6e6));
    }

    /** Source, deserializer and exactly-once sink as in the job; no windows, no model. */
    private static double passThrough(LocalKafkaBroker kafka, String group) throws Exception {
        JobConfig cfg = config(kafka, Path.of("unused"), group, "readings", "passthrough");
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

    private static double forecastJob(LocalKafkaBroker kafka, Path model, Path dir, String group)
            throws Exception {
        return forecastJobOn(kafka, model, dir, group, "readings", "forecasts");
    }

    private static double forecastJobOn(
            LocalKafkaBroker kafka, Path model, Path dir, String group, String in, String out)
            throws Exception {
        JobConfig cfg = config(kafka, model, group, in, out);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ForecastJob.flinkConfiguration(cfg));
        ForecastJob.build(env, cfg);
        long t = System.nanoTime();
        env.execute(group);
        return (System.nanoTime() - t) / 1e9;
    }

    private static JobConfig config(
            LocalKafkaBroker kafka, Path model, String group, String in, String out) {
        return JobConfig.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--model",
                model.toString(),
                "--group-id",
                group,
                "--readings-topic",
                in,
                "--forecasts-topic",
                out,
                "--bounded",
                "true",
                "--adapt-every",
                "0",
                "--checkpoint-interval",
                "5s");
    }

    /**
     * Reads the committed forecasts once: prints them per issue window when a window lacks some (a
     * correctness check) and the DLQ size; returns how many there are.
     */
    private static long perWindow(LocalKafkaBroker kafka, int stations) throws Exception {
        java.util.TreeMap<Long, Integer> byIssue = new java.util.TreeMap<>();
        try (TopicReader r = new TopicReader(kafka.clientProperties(), "forecasts", true)) {
            for (var rec : r.drain(Duration.ofSeconds(5))) {
                var f = io.physcast.schemas.codec.AvroMessages.decodeForecast(rec.value());
                byIssue.merge(f.getIssueTime().toEpochMilli(), 1, Integer::sum);
            }
        }
        if (byIssue.values().stream().anyMatch(c -> c != stations)) {
            System.out.println("forecasts per issue window: " + byIssue);
        }
        System.out.println("DLQ: " + count(kafka, "readings-dlq", true));
        return byIssue.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static long count(LocalKafkaBroker kafka, String topic, boolean committed) {
        try (TopicReader r = new TopicReader(kafka.clientProperties(), topic, committed)) {
            return r.drain(Duration.ofSeconds(5)).size();
        }
    }
}
