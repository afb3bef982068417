package io.physcast.flink.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.TestReadings;
import io.physcast.flink.config.JobConfig;
import io.physcast.flink.job.ForecastJob;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.Replay;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the job with Flink's Prometheus reporter and reads what it exports: docs/metrics.md lists
 * exactly the job's own metrics (all under {@code physcast}), and every metric the Grafana
 * dashboard and the alert rules use is one the job exports. What the reporter served is written to
 * target/metrics-scrape.txt.
 */
class MetricsPageTest {
    private static final Path DOCS = Path.of("../../docs/metrics.md");
    private static final Path DASHBOARDS = Path.of("../../docker/grafana/dashboards");
    private static final Path ALERTS = Path.of("../../docker/prometheus-alerts.yml");
    private static final Pattern NAME = Pattern.compile("flink_[A-Za-z0-9_]+");
    private static Set<String> exported;

    @TempDir static Path dir;

    @BeforeAll
    static void scrapeARunningJob() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
            Replay.send(
                    kafka.clientProperties(),
                    "readings",
                    TestReadings.hourly(12, 30, 3),
                    0,
                    n -> {});
            JobConfig cfg =
                    JobConfig.parse(
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--model",
                            TestArtifacts.writeTiny(dir).toString(),
                            "--horizon",
                            "3",
                            "--adapt-every",
                            "0",
                            "--checkpoint-interval",
                            "1s",
                            "--checkpoint-dir",
                            dir.resolve("cp").toUri().toString());
            Configuration conf = ForecastJob.flinkConfiguration(cfg);
            conf.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", Integer.toString(port));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            ForecastJob.build(env, cfg);
            JobClient job = env.executeAsync("metrics");
            try {
                exported = awaitScrape(port, Duration.ofSeconds(120));
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Scrapes until the forecaster's per-key scores and a completed checkpoint show. */
    private static Set<String> awaitScrape(int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                body =
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://localhost:"
                                                                        + port
                                                                        + "/metrics"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
            } catch (java.io.IOException e) {
                body = "";
            }
            if (body.contains("_physcast_region_variable_horizon_mae")
                    && body.contains("flink_jobmanager_job_lastCheckpointSize")) {
                break;
            }
            Thread.sleep(1000);
        }
        Files.writeString(Path.of("target", "metrics-scrape.txt"), body);
        Set<String> names = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    @Test
    void thePageListsExactlyTheJobsOwnMetrics() throws Exception {
        Set<String> own = new TreeSet<>();
        exported.stream().filter(n -> n.contains("_physcast_")).forEach(own::add);
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(DOCS)) {
            Matcher m =
                    Pattern.compile("^\\| `(flink_[A-Za-z0-9_]+_physcast_[A-Za-z0-9_]+)`")
                            .matcher(line);
            if (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertTrue(own.size() >= 10, "the job's metrics were not exported: " + exported);
        assertEquals(own, documented, "docs/metrics.md against what the job exports");
    }

    @Test
    void dashboardsAndAlertsUseOnlyExportedMetrics() throws Exception {
        Set<String> used = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(DASHBOARDS)) {
            files =
                    new java.util.ArrayList<>(
                            s.filter(f -> f.toString().endsWith(".json")).toList());
        }
        files.add(ALERTS);
        for (Path f : files) {
            Matcher m = NAME.matcher(Files.readString(f));
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertTrue(used.size() >= 10, "too few metrics found in " + files);
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(exported);
        assertEquals(Set.of(), unknown, "used by the dashboards or alert rules, not exported");
    }
}
