package io.physcast.flink.job;

import io.physcast.flink.config.JobConfig;
import io.physcast.model.artifact.ModelArtifactFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Start-up checks that turn the usual deployment mistakes into one clear message instead of a
 * restart loop: the model file reads and validates, the brokers answer, the topics exist.
 */
public final class Preflight {
    private Preflight() {}

    public static void check(JobConfig cfg) {
        if (cfg.modelPath == null) {
            throw new IllegalArgumentException(
                    "--model is required: a file from `model.sh train` (trained on this network) or"
                            + " `model.sh default-model` (any network, calibrated online)");
        }
        ModelArtifactFile.read(Path.of(cfg.modelPath)); // throws a message naming the problem
        Properties p = cfg.kafkaProperties();
        p.setProperty("request.timeout.ms", "15000");
        p.setProperty("default.api.timeout.ms", "20000");
        try (Admin admin = Admin.create(p)) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String t : List.of(cfg.readingsTopic, cfg.forecastsTopic, cfg.deadLetterTopic)) {
                if (!topics.contains(t)) {
                    throw new IllegalStateException(
                            "topic '" + t + "' does not exist on " + cfg.bootstrapServers);
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at "
                            + cfg.bootstrapServers
                            + " ("
                            + rootMessage(e)
                            + "); check --bootstrap-servers and --kafka.* security settings",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
