package io.physcast.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The jar users submit with {@code flink run}: the job and what it needs, started by its manifest,
 * without Flink's runtime (the cluster has it), the local tools, Kafka's test kit or ND4J.
 */
class JobJarContentsTest {
    @Test
    void carriesTheJobAndNothingTheClusterOrTheLocalToolsProvide() throws Exception {
        Path jar = Path.of(System.getProperty("physcast.job.jar"));
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals(
                    ForecastJob.class.getName(),
                    j.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> names = j.stream().map(e -> e.getName()).toList();
            for (String needed :
                    List.of(
                            "io/physcast/flink/job/ForecastJob.class",
                            "io/physcast/model/padgn/GraphStepper.class",
                            "io/physcast/schemas/Forecast.class",
                            "org/apache/flink/connector/kafka/source/KafkaSource.class",
                            "org/apache/kafka/clients/producer/KafkaProducer.class")) {
                assertTrue(names.contains(needed), "carries " + needed);
            }
            for (String banned :
                    List.of(
                            "org/apache/flink/runtime/",
                            "org/apache/flink/streaming/api/environment/",
                            "org/apache/kafka/common/test/",
                            "KafkaClusterTestKit",
                            "org/nd4j/",
                            "io/physcast/flink/local/",
                            "io/physcast/flink/bench/",
                            "io/physcast/flink/cluster/",
                            // the model's research code (model/research) is not served
                            "io/physcast/model/eval/",
                            "io/physcast/model/experiments/",
                            "io/physcast/model/fewshot/",
                            "io/physcast/model/meta/",
                            "io/physcast/model/synth/",
                            "io/physcast/model/commands/")) {
                assertTrue(
                        names.stream().noneMatch(n -> n.contains(banned)), "carries no " + banned);
            }
            assertTrue(
                    names.stream().noneMatch(n -> n.startsWith("kafka/") && n.endsWith(".class")),
                    "no Kafka broker classes");
        }
    }
}
