package io.physcast.flink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.TopicReader;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} and {@code tail} against a real broker with the job's topics: the start-up check
 * lets them through, the readings arrive in order, {@code tail} ends when idle.
 */
class ScriptsKafkaTest {
    @TempDir Path dir;

    @Test
    void replayPublishesEveryReadingAndTailEndsWhenIdle() throws Exception {
        Path stations = CommandLines.twoStations(dir);
        Path readings = dir.resolve("readings.csv");
        Files.writeString(
                readings,
                "station,time,value\n"
                        + "b,2024-01-01T01:00:00Z,2.5\n"
                        + "a,2024-01-01T00:00:00Z,1.5\n"
                        + "a,2024-01-01T02:00:00Z,3.5\n");
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
            String b = kafka.bootstrapServers();
            int replay =
                    FlinkCli.run(CommandLines.replay(b, stations, readings).toArray(String[]::new));
            assertEquals(0, replay);

            List<Double> values = new ArrayList<>();
            try (TopicReader reader = new TopicReader(kafka.clientProperties(), "readings")) {
                long until = System.currentTimeMillis() + 20_000;
                while (values.size() < 3 && System.currentTimeMillis() < until) {
                    for (var r : reader.poll(Duration.ofMillis(500))) {
                        values.add(AvroMessages.readingDecoder().decode(r.value()).getValue());
                    }
                }
            }
            assertEquals(List.of(1.5, 2.5, 3.5), values, "every reading, in event-time order");

            int tail =
                    FlinkCli.run(
                            new String[] {"tail", "--bootstrap-servers", b, "--idle-seconds", "2"});
            assertEquals(0, tail);
        }
    }
}
