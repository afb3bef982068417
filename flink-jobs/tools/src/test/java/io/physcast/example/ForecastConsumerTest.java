package io.physcast.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastStep;
import io.physcast.schemas.codec.AvroMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The documented example consumer against a real broker: forecasts written the way the job writes
 * them (single-object Avro, keyed by station, in transactions) decode, and those of an aborted
 * transaction stay invisible.
 */
class ForecastConsumerTest {
    @Test
    void readsCommittedForecastsOnly() throws Exception {
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "forecasts");
            Properties p = kafka.clientProperties();
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "example-test");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class.getName());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                producer.initTransactions();
                producer.beginTransaction();
                for (String station : List.of("a", "b", "c")) {
                    producer.send(record(station, 10.0));
                }
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(record("aborted", 99.0));
                producer.flush();
                producer.abortTransaction();
            }
            List<Forecast> seen = new ArrayList<>();
            try (ForecastConsumer c = new ForecastConsumer(kafka.bootstrapServers(), "test")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen.size() < 3 && System.nanoTime() < deadline) {
                    seen.addAll(c.poll(Duration.ofMillis(500)));
                }
                seen.addAll(c.poll(Duration.ofSeconds(2)));
            }
            assertEquals(List.of("a", "b", "c"), seen.stream().map(Forecast::getStation).toList());
            assertEquals(10.0, seen.get(0).getSteps().get(0).getValue());
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String station, double value) {
        Instant issue = Instant.parse("2026-01-01T10:00:00Z");
        Forecast f =
                Forecast.newBuilder()
                        .setRegion("r")
                        .setVariable("pm10")
                        .setStation(station)
                        .setIssueTime(issue)
                        .setModelVersion("PA-DGN-test")
                        .setSteps(
                                List.of(
                                        new ForecastStep(
                                                1,
                                                issue.plusSeconds(3600),
                                                value,
                                                null,
                                                List.of())))
                        .build();
        return new ProducerRecord<>("forecasts", station.getBytes(), AvroMessages.encode(f));
    }
}
