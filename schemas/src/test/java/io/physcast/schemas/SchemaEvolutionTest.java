package io.physcast.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.physcast.schemas.codec.AvroMessages;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {
    private static final Schema V1 = AvroMessages.historySchema("SensorReading-v1.avsc");

    @Test
    void currentReadingSchemaCanReadEveryEarlierVersion() {
        var result =
                SchemaCompatibility.checkReaderWriterCompatibility(
                        SensorReading.getClassSchema(), V1);
        assertEquals(
                SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                result.getType(),
                result.getDescription());
    }

    @Test
    void aReadingWrittenWithVersionOneStillDecodes() throws Exception {
        GenericRecord old = new GenericData.Record(V1);
        old.put("station", "DEBB053");
        old.put("region", "de");
        old.put("variable", "pm10");
        old.put("eventTime", 1_104_537_600_000L);
        old.put("lat", 52.1);
        old.put("lon", 13.4);
        old.put("value", 27.5);
        old.put("quality", "ok");
        ByteBuffer bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), V1).encode(old);

        SensorReading r = AvroMessages.readingDecoder().decode(bytes);

        assertEquals("DEBB053", r.getStation());
        assertEquals(1_104_537_600_000L, r.getEventTime().toEpochMilli());
        assertEquals(27.5, r.getValue());
        assertEquals("ok", r.getQuality());
        assertNull(r.getUnit(), "a field added later takes its default");
    }

    @Test
    void forecastsEvolveBothWays() throws Exception {
        Schema v1 = AvroMessages.historySchema("Forecast-v1.avsc");
        Schema current = Forecast.getClassSchema();
        for (Schema[] readerWriter : new Schema[][] {{current, v1}, {v1, current}}) {
            var result =
                    SchemaCompatibility.checkReaderWriterCompatibility(
                            readerWriter[0], readerWriter[1]);
            assertEquals(
                    SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                    result.getType(),
                    result.getDescription());
        }
        // a record written by the job before intervals existed reads with the defaults
        Schema stepV1 = v1.getField("steps").schema().getElementType();
        GenericRecord oldStep = new GenericData.Record(stepV1);
        oldStep.put("horizon", 1);
        oldStep.put("targetTime", 7_200_000L);
        oldStep.put("value", 4.5);
        GenericRecord old = new GenericData.Record(v1);
        old.put("region", "ie");
        old.put("variable", "wind_speed");
        old.put("station", "s1");
        old.put("issueTime", 3_600_000L);
        old.put("modelVersion", "m");
        old.put("steps", java.util.List.of(oldStep));
        ByteBuffer oldBytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        Forecast f = AvroMessages.forecastDecoder().decode(oldBytes);
        assertEquals(4.5, f.getSteps().get(0).getValue());
        assertNull(f.getSteps().get(0).getModelValue());
        assertEquals(0, f.getSteps().get(0).getIntervals().size());

        // a consumer still on the old schema, given the new writer schema, reads new records
        Forecast now =
                Forecast.newBuilder()
                        .setRegion("ie")
                        .setVariable("wind_speed")
                        .setStation("s1")
                        .setIssueTime(java.time.Instant.ofEpochMilli(3_600_000L))
                        .setModelVersion("m")
                        .setSteps(
                                java.util.List.of(
                                        ForecastStep.newBuilder()
                                                .setHorizon(1)
                                                .setTargetTime(
                                                        java.time.Instant.ofEpochMilli(7_200_000L))
                                                .setValue(4.25)
                                                .setModelValue(4.0)
                                                .setIntervals(
                                                        java.util.List.of(
                                                                new ForecastInterval(
                                                                        0.8, 3.0, 5.5)))
                                                .build()))
                        .build();
        var oldReader =
                new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(
                        GenericData.get(), v1);
        oldReader.addSchema(current);
        GenericRecord seenByOld = oldReader.decode(AvroMessages.encode(now));
        GenericRecord step = (GenericRecord) ((java.util.List<?>) seenByOld.get("steps")).get(0);
        assertEquals(4.25, step.get("value"));
        assertNull(step.getSchema().getField("intervals"), "the old schema has no intervals");
        assertEquals(now, AvroMessages.decodeForecast(AvroMessages.encode(now)));
    }

    @Test
    void currentReadingsRoundTripAndJunkIsRejected() throws Exception {
        SensorReading r =
                SensorReading.newBuilder()
                        .setStation("s1")
                        .setRegion("r")
                        .setVariable("wind_speed")
                        .setEventTime(java.time.Instant.ofEpochMilli(3_600_000L))
                        .setLat(53)
                        .setLon(-8)
                        .setValue(4.5)
                        .setUnit("m/s")
                        .build();
        byte[] bytes = AvroMessages.encode(r);
        assertEquals(r, AvroMessages.readingDecoder().decode(bytes));
        assertThrows(
                Exception.class,
                () -> AvroMessages.readingDecoder().decode(new byte[] {1, 2, 3, 4, 5}));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 6);
        assertThrows(Exception.class, () -> AvroMessages.readingDecoder().decode(truncated));
        assertArrayEquals(bytes, AvroMessages.encode(AvroMessages.readingDecoder().decode(bytes)));
    }

    @Test
    void messagesCarryTheMarkerAndTheFingerprintOfTheParsingForm() {
        Forecast f =
                Forecast.newBuilder()
                        .setRegion("r")
                        .setVariable("pm10")
                        .setStation("s")
                        .setIssueTime(java.time.Instant.EPOCH)
                        .setModelVersion("v")
                        .setSteps(java.util.List.of())
                        .build();
        byte[] m = AvroMessages.encode(f);
        assertEquals((byte) 0xC3, m[0]);
        assertEquals((byte) 0x01, m[1]);
        long inMessage = ByteBuffer.wrap(m, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(
                org.apache.avro.SchemaNormalization.parsingFingerprint64(Forecast.getClassSchema()),
                inMessage);
        // so the fields' documentation is not part of what identifies a schema
        String parsingForm =
                org.apache.avro.SchemaNormalization.toParsingForm(Forecast.getClassSchema());
        assertEquals(-1, parsingForm.indexOf("\"doc\""), parsingForm);
        assertEquals(true, Forecast.getClassSchema().toString().contains("\"doc\""));
    }
}
