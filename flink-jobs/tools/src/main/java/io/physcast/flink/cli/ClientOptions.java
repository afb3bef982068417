package io.physcast.flink.cli;

import io.physcast.model.cli.Args;
import java.io.FileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

/**
 * Kafka client settings of the scripts: {@code --bootstrap-servers} and {@code --client-config
 * FILE}.
 */
final class ClientOptions {
    private ClientOptions() {}

    /** How long the scripts wait for the brokers to answer before saying they cannot. */
    static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(10);

    static Properties kafka(Args a) {
        Properties p = new Properties();
        String file = a.get("client-config", null);
        if (file != null) {
            try (FileReader r = new FileReader(file)) {
                p.load(r); // e.g. security.protocol, sasl.mechanism, sasl.jaas.config
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --client-config " + file, e);
            }
        }
        p.setProperty("bootstrap.servers", a.require("bootstrap-servers"));
        return p;
    }
}
