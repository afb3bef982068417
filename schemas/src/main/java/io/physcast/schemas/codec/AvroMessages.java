package io.physcast.schemas.codec;

import io.physcast.schemas.DeadLetter;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.SensorReading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;

/**
 * Kafka message values are Avro single-object encoding: a two-byte marker, the writer schema's
 * 64-bit fingerprint, then the binary record. The fingerprint lets a reader resolve records written
 * with any earlier schema version listed in {@code avro-history/} (new fields take their defaults),
 * without a schema registry.
 */
public final class AvroMessages {
    /** Earlier SensorReading schema versions that readers still accept. */
    static final List<String> READING_HISTORY = List.of("SensorReading-v1.avsc");

    /** Earlier Forecast schema versions (v1: no intervals, no modelValue). */
    static final List<String> FORECAST_HISTORY = List.of("Forecast-v1.avsc");

    private AvroMessages() {}

    public static byte[] encode(SensorReading r) {
        return bytes(wrap(() -> SensorReading.getEncoder().encode(r)));
    }

    public static byte[] encode(Forecast f) {
        return bytes(wrap(() -> Forecast.getEncoder().encode(f)));
    }

    public static byte[] encode(DeadLetter d) {
        return bytes(wrap(() -> DeadLetter.getEncoder().encode(d)));
    }

    /** A decoder for readings written with the current or any listed earlier schema. */
    public static BinaryMessageDecoder<SensorReading> readingDecoder() {
        return decoder(SensorReading.getClassSchema(), READING_HISTORY);
    }

    /** A decoder for forecasts written with the current or any listed earlier schema. */
    public static BinaryMessageDecoder<Forecast> forecastDecoder() {
        return decoder(Forecast.getClassSchema(), FORECAST_HISTORY);
    }

    private static <T> BinaryMessageDecoder<T> decoder(Schema current, List<String> history) {
        BinaryMessageDecoder<T> d = new BinaryMessageDecoder<>(SpecificData.get(), current);
        for (String file : history) {
            d.addSchema(historySchema(file));
        }
        return d;
    }

    public static Forecast decodeForecast(byte[] value) throws IOException {
        return ForecastDecoder.INSTANCE.decode(value);
    }

    /** One decoder for every caller (Avro's message decoders are thread-safe). */
    private static final class ForecastDecoder {
        static final BinaryMessageDecoder<Forecast> INSTANCE = forecastDecoder();
    }

    public static DeadLetter decodeDeadLetter(byte[] value) throws IOException {
        return DeadLetter.getDecoder().decode(value);
    }

    /** A schema from {@code avro-history/} on the classpath. */
    public static Schema historySchema(String file) {
        try (InputStream in = AvroMessages.class.getResourceAsStream("/avro-history/" + file)) {
            if (in == null) {
                throw new IllegalStateException("schema history file missing: " + file);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Encoding {
        ByteBuffer run() throws IOException;
    }

    private static ByteBuffer wrap(Encoding e) {
        try {
            return e.run();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
