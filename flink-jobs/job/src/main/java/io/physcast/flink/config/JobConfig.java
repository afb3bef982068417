package io.physcast.flink.config;

import io.physcast.model.cli.Args;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the forecasting job, typed and validated. Parsed from {@code --name value}
 * arguments; any {@code --kafka.X value} is passed to every Kafka client as property {@code X}
 * (SASL/SSL settings, timeouts, ...). An invalid value fails with a message naming the setting.
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
    public final int adaptAsyncWindows;

    /** R: re-adapt every R windows (0 = never). */
    public final int adaptEvery;

    public final int adaptIterations;

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

    private JobConfig(Map<String, String> a) {
        Settings s = new Settings(a);
        bootstrapServers = s.string("bootstrap-servers", null);
        readingsTopic = s.topic("readings-topic", "readings");
        forecastsTopic = s.topic("forecasts-topic", "forecasts");
        deadLetterTopic = s.topic("dlq-topic", "readings-dlq");
        groupId = s.string("group-id", "physcast-forecaster");
        window = s.duration("window", "1h");
        allowedLateness = s.duration("allowed-lateness", "1h", true);
        outOfOrderness = s.duration("out-of-orderness", "10m", true);
        idleness = s.duration("idleness", "1m");
        maxFuture = s.duration("max-future", "1h", true);
        earliest = s.instant("earliest", "2000-01-01T00:00:00Z");
        k = s.integer("k", 4, 1, 32);
        horizon = s.integer("horizon", 12, 1, 168);
        adaptWindow = s.integer("adapt-window", 48, 2, 100_000);
        calibrationWindows = s.integer("calibration-windows", 24, 2, 100_000);
        adaptAsyncWindows = s.integer("adapt-async-windows", 1, 0, 1_000);
        adaptEvery = s.integer("adapt-every", 24, 0, 1_000_000);
        adaptIterations = s.integer("adapt-iterations", 5, 0, 10_000);
        maxGapWindows = s.integer("max-gap-windows", 48, 0, 1_000_000);
        keyTtl = s.duration("key-ttl", "7d");
        stationTtl = s.duration("station-ttl", "7d", true);
        modelPath = s.string("model", null);
        checkpointDir = s.string("checkpoint-dir", null);
        checkpointInterval = s.duration("checkpoint-interval", "10s");
        parallelism = s.integer("parallelism", 0, 0, 1024);
        bounded = Boolean.parseBoolean(s.string("bounded", "false"));
        Map<String, String> props = new LinkedHashMap<>();
        a.forEach(
                (key, v) -> {
                    if (key.startsWith(KAFKA_PREFIX)) {
                        props.put(key.substring(KAFKA_PREFIX.length()), v);
                    }
                });
        kafka = Collections.unmodifiableMap(props);
        s.rejectUnknown(KAFKA_PREFIX);
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required");
        }
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("--window must be at least 1s, got " + window);
        }
    }

    public static JobConfig parse(String... args) {
        return of(Settings.parseArgs(args));
    }

    public static JobConfig of(Map<String, String> values) {
        return new JobConfig(values);
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

    /** Typed reads with the setting's name in every error. */
    static final class Settings {
        private final Map<String, String> values;
        private final java.util.Set<String> known = new java.util.HashSet<>();

        Settings(Map<String, String> values) {
            this.values = values;
        }

        static Map<String, String> parseArgs(String... args) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException(
                            "expected --name value pairs, got '" + args[i] + "'");
                }
                m.put(args[i].substring(2), args[++i]);
            }
            return m;
        }

        String string(String name, String dflt) {
            known.add(name);
            return values.getOrDefault(name, dflt);
        }

        String topic(String name, String dflt) {
            String t = string(name, dflt);
            if (!t.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw new IllegalArgumentException(
                        "--" + name + ": invalid topic name '" + t + "'");
            }
            return t;
        }

        int integer(String name, int dflt, int min, int max) {
            String v = string(name, Integer.toString(dflt));
            int x;
            try {
                x = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": not an integer: '" + v + "'");
            }
            if (x < min || x > max) {
                throw new IllegalArgumentException(
                        "--" + name + " must be in [" + min + ", " + max + "], got " + x);
            }
            return x;
        }

        Duration duration(String name, String dflt) {
            return duration(name, dflt, false);
        }

        Duration duration(String name, String dflt, boolean zeroAllowed) {
            String v = string(name, dflt);
            Duration d = parseDuration(name, v);
            if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                throw new IllegalArgumentException("--" + name + " must be positive, got " + v);
            }
            return d;
        }

        Instant instant(String name, String dflt) {
            String v = string(name, dflt);
            try {
                return v.length() == 10 ? Instant.parse(v + "T00:00:00Z") : Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--" + name + ": not an instant: '" + v + "'");
            }
        }

        void rejectUnknown(String passThroughPrefix) {
            for (String key : values.keySet()) {
                if (!known.contains(key) && !key.startsWith(passThroughPrefix)) {
                    throw new IllegalArgumentException("unknown setting --" + key);
                }
            }
        }

        /**
         * {@code 90s}, {@code 15m}, {@code 1h}, {@code 1d}, {@code 0s}, or ISO-8601 ({@code PT1H}).
         */
        static Duration parseDuration(String name, String v) {
            try {
                if (v.startsWith("P") || v.startsWith("p")) {
                    return Duration.parse(v);
                }
                return v.matches("0+[smhd]") ? Duration.ZERO : Args.duration(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "--" + name + ": not a duration (90s, 15m, 1h, 1d): '" + v + "'");
            }
        }
    }
}
