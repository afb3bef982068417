package io.physcast.flink.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.config.JobConfig;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files, checked where neither Docker nor Kubernetes can run them: the image carries
 * the shaded jar the cluster tests submit, the Flink settings of the compose stack and of the
 * FlinkDeployment parse through Flink's own configuration loader and give a TaskManager memory
 * layout, the job's arguments parse with the job's rules, and the topics are the job's.
 */
class DeploymentFilesTest {
    static final Path DOCKER = Path.of("..", "..", "docker");
    private static final String USRLIB_JAR = "/opt/flink/usrlib/physcast-flink-job.jar";
    private static final String FLINK = System.getProperty("physcast.flink.version");
    private static final String KAFKA = System.getProperty("physcast.kafka.version");

    @TempDir Path dir;

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file)) {
            return new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String... path) {
        Map<String, Object> x = m;
        for (String p : path) {
            x = (Map<String, Object>) x.get(p);
            assertNotNull(x, String.join(".", path));
        }
        return x;
    }

    @Test
    void theImageCarriesTheShadedJarTheClusterTestsSubmit() throws Exception {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        assertTrue(lines.contains("FROM flink:" + FLINK + "-java17"), "our Flink: " + lines);
        // the jar path the build produces and ClusterFaultsTest runs (relative to flink-jobs/tools)
        Path tested = Path.of(System.getProperty("physcast.job.jar")).normalize();
        String source = Path.of("flink-jobs", "tools").resolve(tested).normalize().toString();
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l -> l.startsWith("COPY") && l.endsWith(source + " " + USRLIB_JAR)),
                "COPY " + source + " " + USRLIB_JAR);
        assertTrue(lines.stream().anyMatch(l -> l.contains("chown -R flink:flink /flink-data")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeStack() throws Exception {
        Map<String, Object> c = load(DOCKER.resolve("docker-compose.yml"));
        for (String s : List.of("jobmanager", "taskmanager")) {
            Map<String, Object> svc = map(c, "services", s);
            assertEquals("docker/Dockerfile", map(svc, "build").get("dockerfile"));
            List<String> volumes = (List<String>) svc.get("volumes");
            assertTrue(volumes.contains("flink-data:/flink-data"), "writable state volume");
            Map<String, Object> env = (Map<String, Object>) svc.get("environment");
            assertTrue(env.get("ENABLE_BUILT_IN_PLUGINS").toString().contains(FLINK));
            Configuration conf = flinkConfig(env.get("FLINK_PROPERTIES").toString());
            assertClusterSettings(conf, "file:///flink-data/");
            TaskExecutorProcessUtils.processSpecFromConfig(conf); // TaskManager memory is set
            JobManagerProcessUtils.processSpecFromConfig(conf);
        }
        assertTrue(map(c, "volumes").containsKey("flink-data"));
        assertEquals("apache/kafka:" + KAFKA, map(c, "services", "kafka").get("image"));
        List<String> cmd = (List<String>) map(c, "services", "jobmanager").get("command");
        String jobClass = cmd.get(cmd.indexOf("--job-classname") + 1);
        JobConfig job = assertJob(jobClass, cmd.subList(cmd.indexOf(jobClass) + 1, cmd.size()));
        String created = map(c, "services", "kafka-init").get("command").toString();
        for (String t : List.of(job.readingsTopic, job.forecastsTopic, job.deadLetterTopic)) {
            assertTrue(created.contains(t), "creates the job's topic " + t);
        }
        String prometheusImage = map(c, "services", "prometheus").get("image").toString();
        assertTrue(prometheusImage.matches("prom/prometheus:v[0-9.]+"), "pinned, not latest");
        String grafanaImage = map(c, "services", "grafana").get("image").toString();
        assertTrue(grafanaImage.matches("grafana/grafana:[0-9.]+"), "pinned, not latest");
        // every file or folder the stack mounts from here exists and parses
        for (String svc : List.of("prometheus", "grafana")) {
            for (String v : (List<String>) map(c, "services", svc).get("volumes")) {
                Path local = DOCKER.resolve(v.substring(0, v.indexOf(':')));
                assertTrue(Files.exists(local), svc + " mounts " + local);
            }
        }
        Map<String, Object> prometheus = load(DOCKER.resolve("prometheus.yml"));
        assertEquals(List.of("/etc/prometheus/alerts.yml"), prometheus.get("rule_files"));
        assertTrue(load(DOCKER.resolve("prometheus-alerts.yml")).containsKey("groups"));
        for (String f :
                List.of(
                        "grafana/provisioning/datasources/prometheus.yml",
                        "grafana/provisioning/dashboards/physcast.yml")) {
            assertEquals(1, load(DOCKER.resolve(f)).get("apiVersion"), f);
        }
        var dashboard =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(DOCKER.resolve("grafana/dashboards/physcast-job.json").toFile());
        assertTrue(dashboard.path("panels").size() >= 8, "the dashboard's panels");
    }

    @Test
    @SuppressWarnings("unchecked")
    void flinkDeploymentForTheKubernetesOperator() throws Exception {
        Map<String, Object> d = load(DOCKER.resolve("k8s/flink-deployment.yaml"));
        assertEquals("FlinkDeployment", d.get("kind"));
        Map<String, Object> spec = map(d, "spec");
        assertEquals(
                "v" + FLINK.substring(0, FLINK.lastIndexOf('.')).replace('.', '_'),
                spec.get("flinkVersion"));
        Map<String, Object> jobSpec = map(spec, "job");
        assertEquals("local://" + USRLIB_JAR, jobSpec.get("jarURI"), "the image's jar");
        assertEquals("savepoint", jobSpec.get("upgradeMode"));
        assertJob(jobSpec.get("entryClass").toString(), (List<String>) jobSpec.get("args"));

        StringBuilder yaml = new StringBuilder();
        map(spec, "flinkConfiguration")
                .forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        // the operator sets the process sizes from the pods' resources
        yaml.append("taskmanager.memory.process.size: ")
                .append(map(spec, "taskManager", "resource").get("memory"))
                .append('\n');
        yaml.append("jobmanager.memory.process.size: ")
                .append(map(spec, "jobManager", "resource").get("memory"))
                .append('\n');
        Configuration conf = flinkConfig(yaml.toString());
        assertClusterSettings(conf, "s3://");
        TaskExecutorProcessUtils.processSpecFromConfig(conf);
        JobManagerProcessUtils.processSpecFromConfig(conf);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesBothFlinkProcessesOnTheReporterPort() throws Exception {
        Map<String, Object> p = load(DOCKER.resolve("prometheus.yml"));
        List<Map<String, Object>> scrapes = (List<Map<String, Object>>) p.get("scrape_configs");
        List<Map<String, Object>> statics =
                (List<Map<String, Object>>) scrapes.get(0).get("static_configs");
        assertEquals(List.of("jobmanager:9249", "taskmanager:9249"), statics.get(0).get("targets"));
    }

    /** Through Flink's own loader, as the JobManager and TaskManagers read their config.yaml. */
    private Configuration flinkConfig(String yaml) throws Exception {
        Path conf = Files.createTempDirectory(dir, "conf");
        Files.writeString(conf.resolve("config.yaml"), yaml);
        return GlobalConfiguration.loadConfiguration(conf.toString());
    }

    private static void assertClusterSettings(Configuration conf, String stateRoot) {
        assertEquals(2, conf.get(TaskManagerOptions.NUM_TASK_SLOTS));
        assertTrue(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY).startsWith(stateRoot));
        assertTrue(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY).startsWith(stateRoot));
        assertEquals("exponential-delay", conf.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertTrue(
                conf.get(org.apache.flink.configuration.CoreOptions.FLINK_TM_JVM_OPTIONS)
                        .contains("maxphysicalbytes"),
                "JavaCPP's native-memory cap lifted on TaskManagers");
    }

    private static JobConfig assertJob(String jobClass, List<String> args) throws Exception {
        assertEquals("io.physcast.flink.job.ForecastJob", jobClass);
        Class.forName(jobClass).getMethod("main", String[].class);
        return JobConfig.parse(args.toArray(String[]::new));
    }
}
