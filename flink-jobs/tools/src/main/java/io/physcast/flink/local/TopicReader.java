package io.physcast.flink.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning as a read_committed consumer (sees committed output only). */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    public TopicReader(Properties clientProps, String topic) {
        this(clientProps, topic, true);
    }

    /**
     * @param committedOnly read_committed (what a production consumer uses) or read_uncommitted
     */
    public TopicReader(Properties clientProps, String topic, boolean committedOnly) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put("group.id", "physcast-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", committedOnly ? "read_committed" : "read_uncommitted");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
    }

    public List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        consumer.poll(timeout).forEach(out::add);
        return out;
    }

    /** Everything until nothing new arrives for {@code quiet}. */
    public List<ConsumerRecord<byte[], byte[]>> drain(Duration quiet) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        while (true) {
            List<ConsumerRecord<byte[], byte[]>> batch = poll(quiet);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
