package io.physcast.flink.config;

import io.physcast.model.cli.CommandLines;
import io.physcast.model.trust.TrustSettings;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the forecasting job, typed and validated; the settings, their defaults and their
 * meaning are declared once, in {@link JobOptions}. Any {@code --kafka.X value} is passed to every
 * Kafka client as property {@code X} (SASL/SSL settings, timeouts, ...). An invalid value fails
 * with a message naming the setting.
 */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String KAFKA_PREFIX = "kafka.";

    public final String bootstrapServers;
    public final String readingsTopic;
    public final String forecastsTopic;
    public final String deadLetterTopic;
    public final String groupId;
    public final Map<String, String> kafka;
    public final Duration window;
    public final Duration allowedLateness;
    public final Duration outOfOrderness;
    public final Duration idleness;

    /** Readings more than this ahead of the wall clock are dead letters. */
    public final Duration maxFuture;

    /** Readings before this instant are dead letters (a 1970 timestamp is a broken clock). */
    public final Instant earliest;

    public final int k;
    public final int horizon;

    /** W: frames kept per key for head re-adaptation. */
    public final int adaptWindow;

    public final int calibrationWindows;

    /** The skill guard's and the intervals' settings ({@code --interval-levels}). */
    public final TrustSettings trust;

    public final int adaptAsyncWindows;

    /** R: re-adapt every R windows (0 = never). */
    public final int adaptEvery;

    public final int adaptIterations;

    /** cpu, cuda or auto: where the forecaster's steps compute. */
    public final String device;

    /** Gaps longer than this many windows restart a key's hidden state instead of filling. */
    public final int maxGapWindows;

    /** A key (region, variable) silent this long has its state removed. */
    public final Duration keyTtl;

    /** A station silent this long leaves its graph (0s: never). */
    public final Duration stationTtl;

    public final String modelPath;
    public final String checkpointDir;
    public final Duration checkpointInterval;

    /** 0: the environment's default, which {@code flink run -p N} sets on a cluster. */
    public final int parallelism;

    /** Stop at the topic end offsets seen at start (backfill, tests, benchmarks). */
    public final boolean bounded;

    private JobConfig(JobOptions o, Map<String, String> kafkaProps) {
        bootstrapServers = o.bootstrapServers;
        readingsTopic = topic("readings-topic", o.readingsTopic);
        forecastsTopic = topic("forecasts-topic", o.forecastsTopic);
        deadLetterTopic = topic("dlq-topic", o.deadLetterTopic);
        groupId = o.groupId;
        window = positive("window", o.window, false);
        allowedLateness = positive("allowed-lateness", o.allowedLateness, true);
        outOfOrderness = positive("out-of-orderness", o.outOfOrderness, true);
        idleness = positive("idleness", o.idleness, false);
        maxFuture = positive("max-future", o.maxFuture, true);
        earliest = o.earliest;
        k = range("k", o.k, 1, 32);
        horizon = range("horizon", o.horizon, 1, 168);
        adaptWindow = range("adapt-window", o.adaptWindow, 2, 100_000);
        calibrationWindows = range("calibration-windows", o.calibrationWindows, 2, 100_000);
        trust = TrustSettings.DEFAULT.withLevels(o.intervalLevels);
        adaptAsyncWindows = range("adapt-async-windows", o.adaptAsyncWindows, 0, 1_000);
        adaptEvery = range("adapt-every", o.adaptEvery, 0, 1_000_000);
        adaptIterations = range("adapt-iterations", o.adaptIterations, 0, 10_000);
        device = device(o.device);
        maxGapWindows = range("max-gap-windows", o.maxGapWindows, 0, 1_000_000);
        keyTtl = positive("key-ttl", o.keyTtl, false);
        stationTtl = positive("station-ttl", o.stationTtl, true);
        modelPath = o.model;
        checkpointDir = o.checkpointDir;
        checkpointInterval = positive("checkpoint-interval", o.checkpointInterval, false);
        parallelism = range("parallelism", o.parallelism, 0, 1024);
        bounded = o.bounded;
        kafka = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaProps));
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required");
        }
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("--window must be at least 1s, got " + window);
        }
    }

    /**
     * Parses {@code --name value} arguments ({@link JobOptions}); every {@code --kafka.X value}
     * pair is taken out first and passed to the Kafka clients as property {@code X}.
     */
    public static JobConfig parse(String... args) {
        Map<String, String> kafkaProps = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--" + KAFKA_PREFIX)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                kafkaProps.put(args[i].substring(2 + KAFKA_PREFIX.length()), args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        return new JobConfig(CommandLines.parse(new JobOptions(), rest), kafkaProps);
    }

    private static String topic(String name, String t) {
        if (!t.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("--" + name + ": invalid topic name '" + t + "'");
        }
        return t;
    }

    private static String device(String d) {
        if (!d.equals("cpu") && !d.equals("cuda") && !d.equals("auto")) {
            throw new IllegalArgumentException("--device must be cpu, cuda or auto, got " + d);
        }
        return d;
    }

    private static int range(String name, int x, int min, int max) {
        if (x < min || x > max) {
            throw new IllegalArgumentException(
                    "--" + name + " must be in [" + min + ", " + max + "], got " + x);
        }
        return x;
    }

    private static Duration positive(String name, Duration d, boolean zeroAllowed) {
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException("--" + name + " must be positive, got " + d);
        }
        return d;
    }

    /** Kafka client properties: bootstrap servers plus every {@code --kafka.X} setting. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }

    public long windowMillis() {
        return window.toMillis();
    }

    /** Settings for logs: Kafka properties that look like secrets are masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        kafka.forEach((k, v) -> shown.put(k, looksSecret(k) ? "****" : v));
        return String.format(
                "bootstrap=%s topics=%s/%s/%s window=%s lateness=%s k=%d horizon=%d W=%d R=%d"
                        + " model=%s kafka=%s",
                bootstrapServers,
                readingsTopic,
                forecastsTopic,
                deadLetterTopic,
                window,
                allowedLateness,
                k,
                horizon,
                adaptWindow,
                adaptEvery,
                modelPath,
                shown);
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret");
    }
}
