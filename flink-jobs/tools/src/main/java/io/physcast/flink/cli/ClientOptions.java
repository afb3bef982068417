package io.physcast.flink.cli;

import java.io.FileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Kafka client settings of the scripts (a picocli mixin): brokers and a properties file. */
public final class ClientOptions {
    /** How long the scripts wait for the brokers to answer before saying they cannot. */
    static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(10);

    @Option(
            names = "--bootstrap-servers",
            required = true,
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers.")
    String bootstrapServers;

    @Option(
            names = "--client-config",
            paramLabel = "FILE",
            description =
                    "Kafka client properties for secured brokers (security.protocol,"
                            + " sasl.mechanism, sasl.jaas.config, ...).")
    Path clientConfig;

    Properties kafka() {
        Properties p = new Properties();
        if (clientConfig != null) {
            try (FileReader r = new FileReader(clientConfig.toFile())) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --client-config " + clientConfig, e);
            }
        }
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }
}
