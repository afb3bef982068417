package io.physcast.flink.job;

import io.physcast.flink.config.JobConfig;
import io.physcast.flink.forecast.ModelLoader;
import java.time.Duration;
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
        ModelLoader.load(cfg.modelPath); // throws a message naming the problem
        requireTopics(
                cfg.kafkaProperties(),
                List.of(cfg.readingsTopic, cfg.forecastsTopic, cfg.deadLetterTopic),
                Duration.ofSeconds(20));
    }

    /**
     * Fails with one clear message unless the brokers in {@code clientProps} answer within {@code
     * timeout} and have the topics (the Kafka clients would otherwise retry, warning, forever).
     */
    public static void requireTopics(
            Properties clientProps, List<String> required, Duration timeout) {
        String servers = clientProps.getProperty("bootstrap.servers");
        Properties p = new Properties();
        p.putAll(clientProps);
        p.setProperty("request.timeout.ms", Long.toString(timeout.toMillis() * 3 / 4));
        p.setProperty("default.api.timeout.ms", Long.toString(timeout.toMillis()));
        try (Admin admin = Admin.create(p)) {
            Set<String> topics =
                    admin.listTopics()
                            .names()
                            .get(timeout.toMillis() * 3 / 2, TimeUnit.MILLISECONDS);
            for (String t : required) {
                if (!topics.contains(t)) {
                    throw new IllegalStateException(
                            "topic '" + t + "' does not exist on " + servers);
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at "
                            + servers
                            + " ("
                            + rootMessage(e)
                            + "); check --bootstrap-servers and the security settings (the job's --kafka.*,"
                            + " the scripts' --client-config)",
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
