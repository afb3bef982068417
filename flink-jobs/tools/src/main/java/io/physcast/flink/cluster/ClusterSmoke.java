package io.physcast.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.SyntheticNetwork;
import io.physcast.flink.local.TopicReader;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The end-to-end check on a running {@link LocalCluster}: submits the job jar with Flink's client
 * ({@code flink run -d -p 2}), replays synthetic networks of several regions into {@code readings},
 * and waits until committed forecasts (read_committed) of every region arrive and both forecaster
 * subtasks, on two TaskManagers, have processed snapshots. Cancels the job at the end.
 */
public final class ClusterSmoke {
    public static final int REGIONS = 8;
    private final LocalCluster cluster;
    private final Path jobJar;
    private final Path model;

    public ClusterSmoke(LocalCluster cluster, Path jobJar, Path model) {
        this.cluster = cluster;
        this.jobJar = jobJar.toAbsolutePath();
        this.model = model.toAbsolutePath();
    }

    /** Runs the check; returns what it saw, or throws naming what did not happen. */
    public String run(int stations, int hours) throws Exception {
        String job = cluster.submit(jobJar, 2, null, model, "--checkpoint-interval", "5s");
        try {
            Instant start =
                    Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours + 2));
            List<Message> messages =
                    SyntheticNetwork.regions(REGIONS, stations, hours, start, 7, false);
            Replay.send(cluster.clientProperties(), "readings", messages, 0, n -> {});
            Set<String> regions = awaitForecasts(Duration.ofMinutes(4));
            String spread = awaitSpread(job, Duration.ofSeconds(45));
            return String.format(
                    "%d readings replayed; committed forecasts from %d regions %s; %s",
                    messages.size(), regions.size(), regions, spread);
        } finally {
            cluster.flink(Duration.ofMinutes(1), "cancel", job);
        }
    }

    private Set<String> awaitForecasts(Duration timeout) throws Exception {
        Set<String> regions = new TreeSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (TopicReader r = new TopicReader(cluster.clientProperties(), "forecasts")) {
            while (regions.size() < REGIONS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "committed forecasts from only "
                                    + regions.size()
                                    + " of "
                                    + REGIONS
                                    + " regions in "
                                    + timeout.toSeconds()
                                    + " s: "
                                    + regions);
                }
                for (ConsumerRecord<byte[], byte[]> rec : r.poll(Duration.ofSeconds(1))) {
                    Forecast f = AvroMessages.decodeForecast(rec.value());
                    regions.add(f.getRegion());
                }
            }
        }
        return regions;
    }

    /** The REST API's metrics lag (they are fetched every 10 s): asks until they show input. */
    private String awaitSpread(String job, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return forecasterSpread(job);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    /** Fails unless the forecaster's subtasks ran on two TaskManagers and both received input. */
    private String forecasterSpread(String job) {
        JsonNode vertex = forecasterVertex(job);
        Set<String> hosts = new HashSet<>();
        StringBuilder seen = new StringBuilder();
        for (JsonNode st : vertex.path("subtasks")) {
            long in = st.path("metrics").path("read-records").asLong();
            String tm = st.path("taskmanager-id").asText();
            seen.append(
                    String.format(
                            "subtask %d on %s: %d snapshots; ",
                            st.path("subtask").asInt(), tm, in));
            if (in > 0) {
                hosts.add(tm);
            }
        }
        if (hosts.size() < 2) {
            throw new IllegalStateException(
                    "the forecaster's state is not spread over two TaskManagers: " + seen + vertex);
        }
        return seen.toString().trim();
    }

    private JsonNode forecasterVertex(String job) {
        JsonNode plan = cluster.rest("/jobs/" + job);
        if (plan == null) {
            throw new IllegalStateException("the REST API does not know job " + job);
        }
        for (JsonNode v : plan.path("vertices")) {
            if (v.path("name").asText().contains("forecaster")) {
                return cluster.rest("/jobs/" + job + "/vertices/" + v.path("id").asText());
            }
        }
        throw new IllegalStateException("job " + job + " has no forecaster vertex");
    }
}
