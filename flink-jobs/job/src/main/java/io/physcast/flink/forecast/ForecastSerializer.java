package io.physcast.flink.forecast;

import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastInterval;
import io.physcast.schemas.ForecastStep;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes forecasts as Avro {@code Forecast} records keyed by station id. The Kafka timestamp is
 * left to the producer (wall clock): with the issue time there, a backfill of historic data writes
 * records that time-based retention deletes at once (seen in the pipeline benchmark).
 */
public final class ForecastSerializer implements KafkaRecordSerializationSchema<StationForecast> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public ForecastSerializer(String topic) {
        this.topic = topic;
    }

    public static Forecast toAvro(StationForecast f) {
        List<ForecastStep> steps = new ArrayList<>(f.values.length);
        for (int h = 0; h < f.values.length; h++) {
            List<ForecastInterval> intervals = new ArrayList<>();
            for (int j = 0; f.levels != null && j < f.levels.length; j++) {
                if (!Double.isNaN(f.lower[j][h]) && !Double.isNaN(f.upper[j][h])) {
                    intervals.add(new ForecastInterval(f.levels[j], f.lower[j][h], f.upper[j][h]));
                }
            }
            steps.add(
                    new ForecastStep(
                            h + 1,
                            Instant.ofEpochMilli(f.targetTimes[h]),
                            f.values[h],
                            f.modelValues == null ? null : f.modelValues[h],
                            intervals));
        }
        return Forecast.newBuilder()
                .setRegion(f.region)
                .setVariable(f.variable)
                .setStation(f.station)
                .setIssueTime(Instant.ofEpochMilli(f.issueTime))
                .setModelVersion(f.modelVersion)
                .setSteps(steps)
                .build();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            StationForecast f, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic, f.station.getBytes(StandardCharsets.UTF_8), AvroMessages.encode(toAvro(f)));
    }
}
