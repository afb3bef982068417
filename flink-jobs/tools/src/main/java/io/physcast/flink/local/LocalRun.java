package io.physcast.flink.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.physcast.flink.config.JobConfig;
import io.physcast.flink.job.ForecastJob;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.cli.CommandLines;
import io.physcast.model.eval.CheckpointMetric;
import io.physcast.model.eval.StationModelTraining;
import io.physcast.model.meta.DefaultModel;
import io.physcast.model.train.TrainingConfig;
import io.physcast.schemas.codec.AvroMessages;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code scripts/run-local.sh}: a real Kafka broker in this JVM, the forecasting job on a local
 * MiniCluster with the Flink Web UI, a replay of a data set into {@code readings}, a running
 * summary, and {@code report.json}. Without {@code --model} it uses the default model for unseen
 * networks ({@code model.sh default-model}: meta-initialised spatial modules and a pre-trained
 * head, normalisation calibrated online), generated once into {@code --default-model}; with {@code
 * --model-source trained} it instead trains a PA-DGN on the part of the data set that is not
 * replayed, within {@code --train-seconds}.
 */
public final class LocalRun {
    private static final int HORIZON = 12;

    private LocalRun() {}

    public static void main(String[] argv) throws Exception {
        LocalRunOptions a = CommandLines.parse(new LocalRunOptions(), argv);
        Path out = a.out;
        Files.createDirectories(out);
        long seed = a.seed;
        long started = System.nanoTime();

        ReplayData data = data(a, seed);
        double speedup = Replay.checkSpeedup(a.speedup == null ? data.defaultSpeedup() : a.speedup);
        System.out.printf(
                "data set %s: %d messages to replay, window %s, speed-up %s%n",
                data.name(),
                data.messages().size(),
                data.window(),
                speedup == 0 ? "none (as fast as possible)" : String.format("%.0fx", speedup));

        Path model = model(a, data, out, seed);
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
            System.out.println("Kafka (KRaft) at " + kafka.bootstrapServers());
            JobConfig cfg = jobConfig(a, data, model, kafka, out);
            Configuration conf = ForecastJob.flinkConfiguration(cfg);
            conf.set(RestOptions.BIND_PORT, a.uiPort);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            ForecastJob.build(env, cfg);
            JobClient job = env.executeAsync("physcast-local-" + data.name());
            System.out.println(
                    "Flink job " + job.getJobID() + " running; Web UI on localhost:8081");

            RunScore score = new RunScore(data.messages(), data.window().toMillis(), HORIZON);
            OutputTally tally = new OutputTally(kafka.clientProperties(), score);
            Thread consumer = new Thread(tally, "forecast-consumer");
            consumer.setDaemon(true);
            consumer.start();

            AtomicLong sent = new AtomicLong();
            AtomicBoolean replaying = new AtomicBoolean(true);
            Thread printer = printer(sent, replaying, tally, score);
            long[] sentAt = new long[data.messages().size()];
            Replay.send(
                    kafka.clientProperties(),
                    "readings",
                    data.messages(),
                    speedup,
                    sent::set,
                    sentAt);
            replaying.set(false);
            tally.awaitQuiet(Duration.ofSeconds(a.quietSeconds));
            job.cancel().get();
            tally.stop();
            consumer.join(10_000);
            printer.join(2_000);

            List<Long> latency =
                    WindowLatency.of(
                            data.messages(),
                            sentAt,
                            cfg.outOfOrderness.toMillis(),
                            tally.firstSeen());
            Map<String, Object> report = report(data, score, tally, started);
            report.put(
                    "window_close_to_forecast_ms",
                    Map.of(
                            "windows", latency.size(),
                            "median", WindowLatency.percentile(latency, 0.5),
                            "p95", WindowLatency.percentile(latency, 0.95),
                            "checkpoint_interval", cfg.checkpointInterval.toMillis()));
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("report.json").toFile(), report);
            System.out.println("final report (" + out.resolve("report.json") + "):");
            System.out.println(summary(score, tally, sent.get()));
            System.out.printf(
                    "window close to forecasts in the topic: median %d ms, p95 %d ms over %d"
                            + " windows (checkpoint every %d ms)%n",
                    WindowLatency.percentile(latency, 0.5),
                    WindowLatency.percentile(latency, 0.95),
                    latency.size(),
                    cfg.checkpointInterval.toMillis());
            System.out.println(
                    "online MAE before and after head adaptation: " + score.byAdaptation());
        }
    }

    /** Your own CSV files, or a built-in data set. */
    private static ReplayData data(LocalRunOptions a, long seed) throws java.io.IOException {
        if ((a.stations == null) != (a.readings == null)) {
            throw new IllegalArgumentException("--stations and --readings go together");
        }
        if (a.stations != null) {
            String name = a.stations.getFileName().toString().replaceAll("\\.csv$", "");
            return StationCsvReplay.load(
                    name, a.region, a.variable, a.stations, a.readings, a.window, seed);
        }
        return a.dataset.equals("synthetic")
                ? SyntheticNetwork.data(a.syntheticStations, a.trainHours, a.hours, seed)
                : StationCsvReplay.named(a.dataset, a.datasets, seed);
    }

    private static Path model(LocalRunOptions a, ReplayData data, Path out, long seed)
            throws Exception {
        if (a.model != null) {
            ModelArtifactFile.read(a.model);
            return a.model;
        }
        String source = a.modelSource;
        if (source.equals("default")) {
            Path file = a.defaultModel;
            if (!Files.exists(file)) {
                System.out.println(
                        "generating the default model for unseen networks (once): " + file);
                Files.createDirectories(file.toAbsolutePath().getParent());
                ModelArtifactFile.write(
                        file,
                        DefaultModel.generate(false, 42, line -> System.out.println("  " + line)));
            }
            System.out.println("using the default model for unseen networks: " + file);
            return file;
        } else if (!source.equals("trained")) {
            throw new IllegalArgumentException("--model-source: default or trained");
        }
        Path file = out.resolve("model-" + data.name() + ".zip");
        if (Files.exists(file) && !a.retrain) {
            System.out.println("using the default model trained before: " + file);
            return file;
        }
        int seconds = a.trainSeconds;
        System.out.printf(
                "training the default PA-DGN on %s (not replayed), at most %d s%n",
                data.training().summary(), seconds);
        ModelSpec spec = new ModelSpec("PA-DGN", 16, 1, 4, 12, HORIZON, seed);
        TrainingConfig config = TrainingConfig.stations(12, HORIZON, 10_000, seconds, seed);
        ModelArtifact artifact =
                StationModelTraining.train(
                        data.training(),
                        spec,
                        config,
                        CheckpointMetric.MAE,
                        Map.of("dataset", data.name()),
                        line -> System.out.println("  " + line));
        ModelArtifactFile.write(file, artifact);
        return file;
    }

    private static JobConfig jobConfig(
            LocalRunOptions a, ReplayData data, Path model, LocalKafkaBroker kafka, Path out) {
        long windowSeconds = data.window().toSeconds();
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--bootstrap-servers", kafka.bootstrapServers(),
                                "--model", model.toAbsolutePath().toString(),
                                "--window", windowSeconds + "s",
                                "--allowed-lateness", windowSeconds + "s",
                                "--out-of-orderness", Math.max(600, windowSeconds / 24) + "s",
                                "--horizon", Integer.toString(HORIZON),
                                "--earliest", data.earliest().toString(),
                                "--station-ttl", 30 * windowSeconds + "s",
                                "--key-ttl", 60 * windowSeconds + "s",
                                "--adapt-every", Integer.toString(a.adaptEvery),
                                "--adapt-window", Integer.toString(a.adaptWindow),
                                "--adapt-iterations", Integer.toString(a.adaptIterations),
                                // a compressed replay gives a background adaptation no slack
                                // (a window every fraction of a second): inline by default
                                "--adapt-async-windows", Integer.toString(a.adaptAsyncWindows),
                                "--checkpoint-interval", "2s",
                                "--checkpoint-dir",
                                        out.toAbsolutePath()
                                                .resolve("checkpoints")
                                                .toUri()
                                                .toString()));
        return JobConfig.parse(args.toArray(String[]::new));
    }

    private static Thread printer(
            AtomicLong sent, AtomicBoolean replaying, OutputTally tally, RunScore score) {
        Thread t =
                new Thread(
                        () -> {
                            while (replaying.get() || !tally.stopped()) {
                                try {
                                    Thread.sleep(5_000);
                                } catch (InterruptedException e) {
                                    return;
                                }
                                System.out.println(summary(score, tally, sent.get()));
                            }
                        },
                        "summary");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String summary(RunScore score, OutputTally tally, long sent) {
        double[] m = score.mae();
        double[] p = score.persistenceMae();
        double[] c = score.coverageByHorizon();
        return String.format(
                "sent %d | forecasts %d | dead letters %d, late %d | MAE h1/h6/h12 %.3f/%.3f/%.3f"
                        + " (persistence %.3f/%.3f/%.3f) | mean %.3f vs %.3f, model alone %.3f"
                        + " | %.0f%% interval coverage %.1f%% (h1/h6/h12 %.1f/%.1f/%.1f)"
                        + " | heap used %d MB",
                sent,
                score.forecasts(),
                tally.deadLetters(),
                tally.late(),
                m[0],
                m[5],
                m[11],
                p[0],
                p[5],
                p[11],
                RunScore.mean(m),
                RunScore.mean(p),
                RunScore.mean(score.rawMae()),
                100 * score.intervalLevel(),
                100 * score.coverage(),
                100 * c[0],
                100 * c[5],
                100 * c[11],
                heapUsedMb());
    }

    /**
     * Heap in use now, garbage not yet collected included (collection-usage figures proved
     * unreliable: with G1 the old generation's is only set by old collections).
     */
    static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static Map<String, Object> report(
            ReplayData data, RunScore score, OutputTally tally, long started) {
        long valid = data.messages().stream().filter(m -> m.reading() != null).count();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dataset", data.name());
        r.put("readings", valid);
        r.put("messages", data.messages().size());
        r.put("forecasts", score.forecasts());
        r.put("dead_letters", tally.deadLetters());
        r.put("late", tally.late());
        r.put("mae", score.mae());
        r.put("raw_mae", score.rawMae());
        r.put("persistence_mae", score.persistenceMae());
        r.put("mean_mae", RunScore.mean(score.mae()));
        r.put("mean_raw_mae", RunScore.mean(score.rawMae()));
        r.put("mean_persistence_mae", RunScore.mean(score.persistenceMae()));
        r.put("interval_level", score.intervalLevel());
        r.put("coverage", score.coverage());
        r.put("coverage_by_horizon", score.coverageByHorizon());
        r.put("interval_width", score.meanWidth());
        r.put("forecasts_by_model_version", score.forecastsByModelVersion());
        r.put("by_adaptation", score.byAdaptation());
        r.put("seconds", (System.nanoTime() - started) / 1e9);
        return r;
    }

    /** Reads forecasts and dead letters (read_committed) into the score and counters. */
    static final class OutputTally implements Runnable {
        private final java.util.Properties props;
        private final RunScore score;
        private final AtomicLong dead = new AtomicLong();
        private final AtomicLong late = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private volatile long lastArrival = System.currentTimeMillis();
        private final Map<Long, Long> firstSeen = new java.util.concurrent.ConcurrentHashMap<>();

        OutputTally(java.util.Properties props, RunScore score) {
            this.props = props;
            this.score = score;
        }

        @Override
        public void run() {
            try (TopicReader forecasts = new TopicReader(props, "forecasts");
                    TopicReader dlq = new TopicReader(props, "readings-dlq")) {
                while (!stop.get()) {
                    var fs = forecasts.poll(Duration.ofMillis(200));
                    long now = System.currentTimeMillis();
                    for (var r : fs) {
                        var f = AvroMessages.decodeForecast(r.value());
                        score.add(f);
                        firstSeen.putIfAbsent(f.getIssueTime().toEpochMilli(), now);
                    }
                    var ds = dlq.poll(Duration.ofMillis(50));
                    for (var r : ds) {
                        String reason = AvroMessages.decodeDeadLetter(r.value()).getReason();
                        (reason.startsWith("late") ? late : dead).incrementAndGet();
                    }
                    if (!fs.isEmpty() || !ds.isEmpty()) {
                        lastArrival = System.currentTimeMillis();
                    }
                }
            } catch (Exception e) {
                System.err.println("output reader failed: " + e);
            }
        }

        void awaitQuiet(Duration quiet) throws InterruptedException {
            while (System.currentTimeMillis() - lastArrival < quiet.toMillis()) {
                Thread.sleep(500);
            }
        }

        void stop() {
            stop.set(true);
        }

        boolean stopped() {
            return stop.get();
        }

        Map<Long, Long> firstSeen() {
            return firstSeen;
        }

        long deadLetters() {
            return dead.get();
        }

        long late() {
            return late.get();
        }
    }
}
