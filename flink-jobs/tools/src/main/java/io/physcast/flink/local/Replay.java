package io.physcast.flink.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends messages to a topic in order, paced so that {@code speedup} seconds of the messages'
 * event-time clock pass per wall-clock second ({@code speedup} 0: as fast as possible).
 */
public final class Replay {
    private Replay() {}

    /** The option's value if it is a pace the replay can keep: finite and >= 0 (0: unpaced). */
    public static double checkSpeedup(double speedup) {
        if (!(speedup >= 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException(
                    "--speedup must be a number >= 0 (event-time seconds per wall-clock second;"
                            + " 0: as fast as possible), got "
                            + speedup);
        }
        return speedup;
    }

    public static KafkaProducer<byte[], byte[]> producer(Properties clientProps) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("linger.ms", "20");
        p.put("acks", "all");
        return new KafkaProducer<>(p);
    }

    public static void send(
            Properties clientProps,
            String topic,
            List<Message> messages,
            double speedup,
            LongConsumer progress)
            throws InterruptedException {
        send(clientProps, topic, messages, speedup, progress, null);
    }

    /**
     * @param progress called with the number of messages sent so far, about once per second
     * @param sentAt if not null, receives the wall-clock time each message was handed to Kafka
     */
    public static void send(
            Properties clientProps,
            String topic,
            List<Message> messages,
            double speedup,
            LongConsumer progress,
            long[] sentAt)
            throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = producer(clientProps)) {
            long wallStart = System.currentTimeMillis();
            long clockStart = messages.isEmpty() ? 0 : messages.get(0).sendAt();
            long lastReport = wallStart;
            int sent = 0;
            for (Message m : messages) {
                if (speedup > 0) {
                    long due = wallStart + (long) ((m.sendAt() - clockStart) / speedup);
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        producer.flush();
                        Thread.sleep(wait);
                    }
                }
                producer.send(
                        new ProducerRecord<>(
                                topic, m.key().getBytes(StandardCharsets.UTF_8), m.value()));
                if (sentAt != null) {
                    sentAt[sent] = System.currentTimeMillis();
                }
                sent++;
                if (System.currentTimeMillis() - lastReport > 1000) {
                    lastReport = System.currentTimeMillis();
                    progress.accept(sent);
                }
            }
            producer.flush();
            progress.accept(sent);
        }
    }
}
