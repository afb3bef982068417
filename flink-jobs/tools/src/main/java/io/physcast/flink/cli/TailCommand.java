package io.physcast.flink.cli;

import io.physcast.flink.job.Preflight;
import io.physcast.flink.local.TopicReader;
import io.physcast.model.cli.CommandLines;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastStep;
import io.physcast.schemas.codec.AvroMessages;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scripts/tail-forecasts.sh}: prints forecasts as they are committed (read_committed), one
 * line per station and issue time; stops after {@code --max N} forecasts or when idle for {@code
 * --idle-seconds}.
 */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "scripts/tail-forecasts.sh: prints forecasts as a read_committed consumer sees them,"
                    + " one line per station and issue time."
        })
public final class TailCommand {
    @Mixin ClientOptions client;

    @Option(
            names = "--topic",
            defaultValue = "forecasts",
            paramLabel = "TOPIC",
            description = "Topic of Avro Forecast records.")
    String topic;

    @Option(
            names = "--max",
            paramLabel = "N",
            description = "Stop after N forecasts (default: never).")
    Long max;

    @Option(
            names = "--idle-seconds",
            paramLabel = "S",
            description = "Stop when no forecast arrived for S seconds (default: never).")
    Long idleSeconds;

    static void run(String[] argv) throws Exception {
        CommandLines.parse(new TailCommand(), argv).tail();
    }

    private void tail() throws Exception {
        long max = this.max == null ? Long.MAX_VALUE : this.max;
        long idle = idleSeconds == null ? Long.MAX_VALUE / 1000 : idleSeconds;
        long seen = 0;
        long lastArrival = System.currentTimeMillis();
        Properties props = client.kafka();
        Preflight.requireTopics(props, List.of(topic), ClientOptions.PREFLIGHT_TIMEOUT);
        try (TopicReader reader = new TopicReader(props, topic)) {
            while (seen < max && System.currentTimeMillis() - lastArrival < idle * 1000) {
                for (var r : reader.poll(Duration.ofMillis(500))) {
                    lastArrival = System.currentTimeMillis();
                    System.out.println(line(AvroMessages.decodeForecast(r.value())));
                    if (++seen >= max) {
                        break;
                    }
                }
            }
        }
    }

    static String line(Forecast f) {
        StringBuilder b =
                new StringBuilder()
                        .append(f.getIssueTime())
                        .append(' ')
                        .append(f.getRegion())
                        .append('/')
                        .append(f.getVariable())
                        .append(' ')
                        .append(f.getStation())
                        .append(' ')
                        .append(f.getModelVersion())
                        .append(" :");
        for (ForecastStep s : f.getSteps()) {
            b.append(String.format(" %.2f", s.getValue()));
        }
        return b.toString();
    }
}
