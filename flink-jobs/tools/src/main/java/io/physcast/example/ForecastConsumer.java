package io.physcast.example;

import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastStep;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A minimal consumer of the {@code forecasts} topic, as docs/consumers.md describes it: it needs
 * only kafka-clients and the generated {@code Forecast} class (physcast-schemas, or generate your
 * own from Forecast.avsc). Run: {@code java ... io.physcast.example.ForecastConsumer HOST:PORT}.
 */
public final class ForecastConsumer implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    public ForecastConsumer(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // forecasts are written in transactions committed on the job's checkpoints: without this,
        // a consumer also sees records of transactions that are later aborted (after a failure)
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of("forecasts"));
    }

    /** The forecasts that arrived within {@code timeout}. */
    public List<Forecast> poll(Duration timeout) throws IOException {
        List<Forecast> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            // single-object encoding: the decoder checks the schema fingerprint in the header
            out.add(Forecast.getDecoder().decode(r.value()));
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) throws IOException {
        try (ForecastConsumer c = new ForecastConsumer(args[0], "forecast-printer")) {
            while (true) {
                for (Forecast f : c.poll(Duration.ofSeconds(1))) {
                    StringBuilder line =
                            new StringBuilder(f.getStation() + " at " + f.getIssueTime() + ":");
                    for (ForecastStep s : f.getSteps()) {
                        line.append(String.format(" +%d %.2f", s.getHorizon(), s.getValue()));
                    }
                    System.out.println(line);
                }
            }
        }
    }
}
