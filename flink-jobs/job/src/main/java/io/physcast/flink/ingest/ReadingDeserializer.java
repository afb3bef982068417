package io.physcast.flink.ingest;

import io.physcast.schemas.SensorReading;
import io.physcast.schemas.codec.AvroMessages;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns every Kafka message into exactly one {@link Ingested}: a reading, or a dead letter with the
 * reason (undecodable bytes, a null value, a failed {@link ReadingRules} check). Never throws, so a
 * poison message cannot stall the source in a restart loop.
 */
public final class ReadingDeserializer implements KafkaRecordDeserializationSchema<Ingested> {
    private static final long serialVersionUID = 1L;
    private final ReadingRules rules;
    private transient BinaryMessageDecoder<SensorReading> decoder;

    public ReadingDeserializer(ReadingRules rules) {
        this.rules = rules;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        out.collect(toIngested(record, System.currentTimeMillis()));
    }

    Ingested toIngested(ConsumerRecord<byte[], byte[]> record, long now) {
        byte[] value = record.value();
        if (value == null) {
            return dead(record, new byte[0], "empty message (null value)", now);
        }
        SensorReading r;
        try {
            if (decoder == null) {
                decoder = AvroMessages.readingDecoder();
            }
            r = decoder.decode(value);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // Avro reports malformed input with many exception types (and huge lengths as OOM)
            return dead(record, value, "malformed Avro: " + describe(e), now);
        }
        String problem = rules.problem(r, now);
        if (problem != null) {
            return dead(record, value, problem, now);
        }
        Reading reading =
                new Reading(
                        r.getStation(),
                        r.getRegion(),
                        r.getVariable(),
                        r.getEventTime().toEpochMilli(),
                        r.getLat(),
                        r.getLon(),
                        r.getValue());
        reading.partition = record.partition();
        reading.offset = record.offset();
        return Ingested.valid(reading);
    }

    private static Ingested dead(
            ConsumerRecord<byte[], byte[]> record, byte[] payload, String reason, long now) {
        return Ingested.dead(
                new DeadLetterRecord(
                        payload, reason, record.topic(), record.partition(), record.offset(), now));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + abbreviate(m));
    }

    private static String abbreviate(String m) {
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
