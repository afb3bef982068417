package io.physcast.flink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobConfigTest {
    @Test
    void defaultsAndTypedValues() {
        JobConfig c =
                JobConfig.parse(
                        "--bootstrap-servers", "b:9092",
                        "--window", "1d",
                        "--allowed-lateness", "0s",
                        "--adapt-every", "7",
                        "--earliest", "1961-01-01");
        assertEquals(Duration.ofDays(1), c.window);
        assertEquals(Duration.ZERO, c.allowedLateness);
        assertEquals(7, c.adaptEvery);
        assertEquals(12, c.horizon);
        assertEquals("readings", c.readingsTopic);
        assertEquals("1961-01-01T00:00:00Z", c.earliest.toString());
        assertFalse(c.bounded);
        assertTrue(JobConfig.parse("--bootstrap-servers", "b", "--bounded", "TRUE").bounded);
    }

    @Test
    void kafkaClientSettingsPassThroughAndSecretsAreMaskedInLogs() {
        JobConfig c =
                JobConfig.parse(
                        "--bootstrap-servers", "b:9093",
                        "--kafka.security.protocol", "SASL_SSL",
                        "--kafka.sasl.jaas.config", "PlainLoginModule password=\"hunter2\";");
        assertEquals("SASL_SSL", c.kafkaProperties().getProperty("security.protocol"));
        assertEquals("b:9093", c.kafkaProperties().getProperty("bootstrap.servers"));
        assertTrue(c.kafkaProperties().getProperty("sasl.jaas.config").contains("hunter2"));
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertTrue(c.toString().contains("SASL_SSL"));
    }

    @Test
    void badSettingsFailWithTheSettingsName() {
        assertMessage("--bootstrap-servers is required");
        assertMessage("--window", "--bootstrap-servers", "b", "--window", "soon");
        assertMessage("--k must be in", "--bootstrap-servers", "b", "--k", "0");
        assertMessage("--readings-topic", "--bootstrap-servers", "b", "--readings-topic", "a b");
        assertMessage("Unknown options: '--windw'", "--bootstrap-servers", "b", "--windw", "1h");
        assertMessage(
                "'--horizon': 'x' is not an int", "--bootstrap-servers", "b", "--horizon", "x");
        // booleans are strict: "yes" used to read as false
        assertMessage(
                "'--bounded': 'yes' is not a boolean",
                "--bootstrap-servers",
                "b",
                "--bounded",
                "yes");
        assertMessage("--kafka.acks needs a value", "--bootstrap-servers", "b", "--kafka.acks");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JobConfig.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
