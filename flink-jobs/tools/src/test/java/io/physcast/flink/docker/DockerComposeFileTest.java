package io.physcast.flink.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The compose file's structure, checked where no Docker engine can run it. */
class DockerComposeFileTest {
    static final Path DOCKER = Path.of("..", "docker");

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file)) {
            return new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> s = (Map<String, Object>) services.get(name);
        assertNotNull(s, "service " + name);
        return s;
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesImagesPortsAndTheBuiltJar() throws Exception {
        Map<String, Object> c = load(DOCKER.resolve("docker-compose.yml"));
        String flink = System.getProperty("physcast.flink.version");
        String kafka = System.getProperty("physcast.kafka.version");
        String jar = System.getProperty("physcast.job.jar");

        for (String s : List.of("jobmanager", "taskmanager")) {
            Map<String, Object> svc = service(c, s);
            assertEquals("flink:" + flink + "-java17", svc.get("image"), s + " runs our Flink");
            List<String> volumes = (List<String>) svc.get("volumes");
            assertTrue(
                    volumes.contains(
                            "../flink-jobs/target/" + jar + ":/opt/flink/usrlib/" + jar + ":ro"),
                    s + " mounts the jar the build produces: " + volumes);
            assertTrue(volumes.contains("../flink-jobs/target/lib:/opt/flink/usrlib/lib:ro"));
            Map<String, Object> env = (Map<String, Object>) svc.get("environment");
            assertTrue(
                    env.get("ENABLE_BUILT_IN_PLUGINS").toString().contains(flink),
                    "the Prometheus reporter of the same Flink version");
            assertTrue(env.get("FLINK_PROPERTIES").toString().contains("metrics.reporter.prom"));
        }
        assertEquals("apache/kafka:" + kafka, service(c, "kafka").get("image"));
        assertTrue(((List<String>) service(c, "kafka").get("ports")).contains("9092:9092"));
        assertTrue(((List<String>) service(c, "jobmanager").get("ports")).contains("8081:8081"));
        assertTrue(((List<String>) service(c, "prometheus").get("ports")).contains("9090:9090"));
        String prometheusImage = service(c, "prometheus").get("image").toString();
        assertTrue(prometheusImage.matches("prom/prometheus:v[0-9.]+"), "pinned, not latest");

        List<String> cmd = (List<String>) service(c, "jobmanager").get("command");
        String jobClass = cmd.get(cmd.indexOf("--job-classname") + 1);
        Class.forName(jobClass).getMethod("main", String[].class); // the class the jar contains
        // the job's own arguments parse with our configuration rules
        List<String> jobArgs = cmd.subList(cmd.indexOf(jobClass) + 1, cmd.size());
        io.physcast.flink.config.JobConfig.parse(jobArgs.toArray(String[]::new));

        String topics = service(c, "kafka-init").get("command").toString();
        for (String t : List.of("readings", "forecasts", "readings-dlq")) {
            assertTrue(topics.contains(t), "creates topic " + t);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesBothFlinkProcessesOnTheReporterPort() throws Exception {
        Map<String, Object> p = load(DOCKER.resolve("prometheus.yml"));
        List<Map<String, Object>> scrapes = (List<Map<String, Object>>) p.get("scrape_configs");
        List<Map<String, Object>> statics =
                (List<Map<String, Object>>) scrapes.get(0).get("static_configs");
        List<String> targets = (List<String>) statics.get(0).get("targets");
        assertEquals(List.of("jobmanager:9249", "taskmanager:9249"), targets);
    }
}
