package io.physcast.flink.ingest;

import io.physcast.schemas.DeadLetter;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes dead letters as Avro {@code DeadLetter} records, keyed by the reason's first word. */
public final class DeadLetterSerializer
        implements KafkaRecordSerializationSchema<DeadLetterRecord> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetterRecord d, KafkaSinkContext context, Long timestamp) {
        DeadLetter value =
                DeadLetter.newBuilder()
                        .setPayload(ByteBuffer.wrap(d.payload))
                        .setReason(d.reason)
                        .setTopic(d.topic)
                        .setPartition(d.partition)
                        .setOffset(d.offset)
                        .setTime(Instant.ofEpochMilli(d.time))
                        .build();
        String kind = d.reason.split("[ :]", 2)[0];
        return new ProducerRecord<>(
                topic, kind.getBytes(StandardCharsets.UTF_8), AvroMessages.encode(value));
    }
}
