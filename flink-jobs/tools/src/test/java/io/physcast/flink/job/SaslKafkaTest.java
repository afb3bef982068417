package io.physcast.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.TestReadings;
import io.physcast.flink.config.JobConfig;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline against a broker that requires SASL/PLAIN; clients without it are refused. */
class SaslKafkaTest {
    private static final String USER = "plain-user1";
    private static final String PASSWORD = "plain-user1-secret";
    @TempDir Path dir;

    @Test
    void theJobRunsWithCredentialsAndFailsClearlyWithout() throws Exception {
        try (LocalKafkaBroker kafka = LocalKafkaBroker.startSaslPlain()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
            Properties client = LocalKafkaBroker.saslPlainClient(USER, PASSWORD);
            client.setProperty("bootstrap.servers", kafka.bootstrapServers());
            List<Message> messages = TestReadings.hourly(8, 12, 3);
            messages.sort(Comparator.comparingLong(Message::sendAt));
            Replay.send(client, "readings", messages, 0, n -> {});
            Path model = TestArtifacts.writeTiny(dir);

            List<String> base =
                    List.of(
                            "--bootstrap-servers", kafka.bootstrapServers(),
                            "--model", model.toString(),
                            "--adapt-every", "0",
                            "--bounded", "true",
                            "--checkpoint-interval", "1s");
            IllegalStateException noCredentials =
                    assertThrows(
                            IllegalStateException.class,
                            () -> Preflight.check(JobConfig.parse(base.toArray(String[]::new))));
            assertTrue(noCredentials.getMessage().contains("cannot reach Kafka"));

            List<String> wrong = new ArrayList<>(base);
            wrong.addAll(sasl(USER, "not-the-password"));
            IllegalStateException badPassword =
                    assertThrows(
                            IllegalStateException.class,
                            () -> Preflight.check(JobConfig.parse(wrong.toArray(String[]::new))));
            assertTrue(
                    badPassword.getMessage().contains("Authentication"), badPassword.getMessage());

            List<String> good = new ArrayList<>(base);
            good.addAll(sasl(USER, PASSWORD));
            JobConfig cfg = JobConfig.parse(good.toArray(String[]::new));
            Preflight.check(cfg);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            ForecastJob.flinkConfiguration(cfg));
            ForecastJob.build(env, cfg);
            env.execute("sasl");

            try (TopicReader r = new TopicReader(client, "forecasts")) {
                assertEquals(8 * 12, r.drain(Duration.ofSeconds(5)).size());
            }
        }
    }

    private static List<String> sasl(String user, String password) {
        Properties p = LocalKafkaBroker.saslPlainClient(user, password);
        List<String> args = new ArrayList<>();
        for (String k : p.stringPropertyNames()) {
            args.add("--kafka." + k);
            args.add(p.getProperty(k));
        }
        return args;
    }
}
