package io.physcast.flink.cli;

import io.physcast.flink.job.Preflight;
import io.physcast.flink.local.TopicReader;
import io.physcast.model.cli.Args;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastStep;
import io.physcast.schemas.codec.AvroMessages;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * {@code scripts/tail-forecasts.sh}: prints forecasts as they are committed (read_committed), one
 * line per station and issue time; stops after {@code --max N} forecasts or when idle for {@code
 * --idle-seconds}.
 */
final class TailCommand {
    private TailCommand() {}

    static void run(String[] argv) throws Exception {
        Args a = new Args(argv, Set.of());
        long max = a.getInt("max", Integer.MAX_VALUE);
        long idle = a.getInt("idle-seconds", Integer.MAX_VALUE / 1000);
        long seen = 0;
        long lastArrival = System.currentTimeMillis();
        Properties props = ClientOptions.kafka(a);
        String topic = a.get("topic", "forecasts");
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
