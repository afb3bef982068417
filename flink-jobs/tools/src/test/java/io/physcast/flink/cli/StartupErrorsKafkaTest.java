package io.physcast.flink.cli;

import static io.physcast.flink.cli.CommandLines.assertError;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.local.LocalKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's start-up mistakes against a real broker: a corrupt, truncated or missing model file and
 * a wrong topic name each end {@code job} with exit code 1 and one {@code error:} line naming the
 * problem, before anything runs (no stack trace, no restart loop); a wrong topic name on {@code
 * tail} and {@code replay} the same way (the clients would otherwise wait for it, warning).
 */
class StartupErrorsKafkaTest {
    @TempDir Path dir;

    @Test
    void eachMistakeGivesOneClearErrorAndExitCodeOne() throws Exception {
        Path good = TestArtifacts.writeTiny(dir);
        Path junk = dir.resolve("junk.zip");
        byte[] bytes = new byte[4096];
        new Random(3).nextBytes(bytes);
        Files.write(junk, bytes);
        Path truncated = dir.resolve("truncated.zip");
        byte[] whole = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
            String b = kafka.bootstrapServers();
            assertError(job(b, junk.toString()), "junk.zip");
            assertError(job(b, truncated.toString()), "truncated.zip");
            assertError(job(b, dir.resolve("missing.zip").toString()), "missing.zip");
            List<String> wrongTopic = job(b, good.toString());
            wrongTopic.addAll(List.of("--readings-topic", "readngs"));
            assertError(wrongTopic, "topic 'readngs' does not exist");
            assertError(
                    List.of("tail", "--bootstrap-servers", b, "--topic", "forecats"),
                    "topic 'forecats' does not exist");
            Path readings = dir.resolve("readings.csv");
            Files.writeString(readings, "station,time,value\na,2024-01-01T00:00:00Z,1.5\n");
            assertError(
                    CommandLines.replay(
                            b, CommandLines.twoStations(dir), readings, "--topic", "readngs"),
                    "topic 'readngs' does not exist");
        }
    }

    private static List<String> job(String bootstrap, String model) {
        return new ArrayList<>(
                List.of(
                        "job",
                        "--bootstrap-servers",
                        bootstrap,
                        "--model",
                        model,
                        "--bounded",
                        "true"));
    }
}
