package io.physcast.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real cluster on this machine, every part its own process: a Flink standalone session cluster
 * (one JobManager with the Web UI and REST API, TaskManagers with two slots each) started the way
 * Flink's own scripts start it, and a three-node KRaft Kafka cluster (each node broker and
 * controller) with the job's topics replicated three times. Each process has a bounded heap; the
 * whole cluster takes about 5 GB. Flink runs on its own libraries only ({@code flinkLib}), so a job
 * runs there from what its jar carries, as on a user's cluster.
 */
public final class LocalCluster {
    public static final List<String> TOPICS = List.of("readings", "forecasts", "readings-dlq");

    /**
     * Partitions per topic: as many as the job's parallelism, so that every source subtask reads
     * (one without a partition holds the watermark back until the idleness timeout).
     */
    public static final int PARTITIONS = 2;

    /** Java 17 needs these for Flink (Flink's own config.yaml sets them the same way). */
    static final String JAVA17_OPTS =
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED"
                    + " --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"
                    + " --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
                    + " --add-opens=java.base/java.lang=ALL-UNNAMED"
                    + " --add-opens=java.base/java.net=ALL-UNNAMED"
                    + " --add-opens=java.base/java.io=ALL-UNNAMED"
                    + " --add-opens=java.base/java.nio=ALL-UNNAMED"
                    + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
                    + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
                    + " --add-opens=java.base/java.text=ALL-UNNAMED"
                    + " --add-opens=java.base/java.time=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED";

    private static final String BROKER_HEAP = "-Xmx384m";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ports the cluster listens on (all on localhost). */
    public record Ports(int rest, int jobManagerRpc, int[] kafka, int[] controllers) {
        /** Flink's usual ports (Web UI on 8081), Kafka on 9192-9194. */
        public static Ports defaults() {
            return new Ports(
                    8081, 6123, new int[] {9192, 9193, 9194}, new int[] {9292, 9293, 9294});
        }

        /** Free ports, so a test's cluster does not meet one already running. */
        public static Ports free() throws IOException {
            int[] p = new int[8];
            List<java.net.ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < p.length; i++) {
                    java.net.ServerSocket s = new java.net.ServerSocket(0);
                    held.add(s);
                    p[i] = s.getLocalPort();
                }
            } finally {
                for (java.net.ServerSocket s : held) {
                    s.close();
                }
            }
            return new Ports(
                    p[0], p[1], new int[] {p[2], p[3], p[4]}, new int[] {p[5], p[6], p[7]});
        }
    }

    private final Path home;
    private final Path flinkLib;
    private final Path kafkaLib;
    private final Ports ports;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param home where configuration, data, logs and pid files go
     * @param flinkLib Flink's runtime jars ({@code flink-jobs/flink-runtime-lib/target/lib})
     * @param kafkaLib Kafka's broker jars ({@code flink-jobs/kafka-runtime-lib/target/lib})
     */
    public LocalCluster(Path home, Path flinkLib, Path kafkaLib, Ports ports) {
        this.home = home.toAbsolutePath();
        this.flinkLib = flinkLib.toAbsolutePath();
        this.kafkaLib = kafkaLib.toAbsolutePath();
        this.ports = ports;
    }

    /** Whether any process of the cluster runs. */
    public boolean running() {
        return processes(false).stream().anyMatch(ClusterProcess::alive);
    }

    /** Removes the cluster's data, logs and configuration; it must be down. */
    public void wipe() throws IOException {
        if (running()) {
            throw new IllegalStateException("the cluster in " + home + " is running: down first");
        }
        if (Files.exists(home)) {
            try (var files = Files.walk(home)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    public Path home() {
        return home;
    }

    public Path confDir() {
        return home.resolve("conf");
    }

    public String restUrl() {
        return "http://localhost:" + ports.rest();
    }

    public String bootstrapServers() {
        return Arrays.stream(ports.kafka())
                .mapToObj(p -> "localhost:" + p)
                .collect(Collectors.joining(","));
    }

    public Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        return p;
    }

    /** Starts whatever is not running yet and waits until it serves. */
    public void up(int taskManagers) throws Exception {
        requireLibs();
        writeFlinkConf();
        for (int n = 1; n <= 3; n++) {
            startBroker(n);
        }
        awaitBrokers(3, Duration.ofSeconds(90));
        createTopics(TOPICS);
        startJobManager();
        await(
                "the JobManager's REST API at " + restUrl(),
                () -> rest("/overview") != null,
                Duration.ofSeconds(90),
                jobManager());
        for (int n = 1; n <= taskManagers; n++) {
            startTaskManager(n);
        }
        await(
                taskManagers + " TaskManagers registered",
                () -> registeredTaskManagers() >= taskManagers,
                Duration.ofSeconds(90),
                taskManager(1));
    }

    /** Stops every process of the cluster (TaskManagers first, the brokers last). */
    public void down() throws IOException {
        for (ClusterProcess p : processes(true)) {
            p.stop(Duration.ofSeconds(20));
        }
    }

    /** One line per process: name, pid or "stopped". */
    public List<String> status() {
        List<String> out = new ArrayList<>();
        for (ClusterProcess p : processes(false)) {
            out.add(
                    String.format(
                            "%-14s %s",
                            p.name(),
                            p.handle().map(h -> "running, pid " + h.pid()).orElse("stopped")));
        }
        return out;
    }

    private List<ClusterProcess> processes(boolean stopOrder) {
        List<ClusterProcess> all = new ArrayList<>();
        List<ClusterProcess> tms = new ArrayList<>();
        try (var files = Files.list(home.resolve("pids"))) {
            files.map(f -> f.getFileName().toString().replace(".pid", ""))
                    .filter(n -> n.startsWith("taskmanager-"))
                    .sorted()
                    .forEach(n -> tms.add(new ClusterProcess(home, n)));
        } catch (IOException e) {
            // no pid folder: nothing started yet
        }
        all.addAll(tms);
        all.add(jobManager());
        for (int n = 1; n <= 3; n++) {
            all.add(broker(n));
        }
        if (!stopOrder) {
            java.util.Collections.reverse(all);
        }
        return all;
    }

    // ---- Flink

    ClusterProcess jobManager() {
        return new ClusterProcess(home, "jobmanager");
    }

    ClusterProcess taskManager(int n) {
        return new ClusterProcess(home, "taskmanager-" + n);
    }

    private void writeFlinkConf() throws IOException {
        Path cp = home.resolve("flink");
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "localhost");
        c.put("jobmanager.rpc.port", Integer.toString(ports.jobManagerRpc()));
        c.put("jobmanager.bind-host", "localhost");
        c.put("jobmanager.memory.process.size", "768m");
        c.put("jobmanager.execution.failover-strategy", "region");
        c.put("taskmanager.bind-host", "localhost");
        c.put("taskmanager.host", "localhost");
        c.put("taskmanager.numberOfTaskSlots", "2");
        c.put("taskmanager.memory.process.size", "1280m");
        // the job keeps its state on the heap (hashmap backend): little managed memory needed
        c.put("taskmanager.memory.managed.size", "64m");
        c.put("rest.address", "localhost");
        c.put("rest.bind-address", "localhost");
        c.put("rest.port", Integer.toString(ports.rest()));
        c.put("parallelism.default", "2");
        // spread a job's slots over the TaskManagers (Flink fills one first by default)
        c.put("taskmanager.load-balance.mode", "SLOTS");
        c.put("state.backend.type", "hashmap");
        c.put("execution.checkpointing.dir", cp.resolve("checkpoints").toUri().toString());
        c.put("execution.checkpointing.savepoint-dir", cp.resolve("savepoints").toUri().toString());
        c.put(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        c.put("restart-strategy.type", "exponential-delay");
        c.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        c.put("restart-strategy.exponential-delay.max-backoff", "30 s");
        // a crashed TaskManager is noticed within seconds, not the default 50 s
        c.put("heartbeat.interval", "2000");
        c.put("heartbeat.timeout", "8000");
        c.put("env.java.opts.all", JAVA17_OPTS);
        // JavaCPP (OpenBLAS) otherwise caps native memory at twice the heap: a TaskManager's
        // network buffers and metaspace alone come near that
        c.put("env.java.opts.taskmanager", "-Dorg.bytedeco.javacpp.maxphysicalbytes=0");
        c.put("io.tmp.dirs", home.resolve("tmp").toString());
        Files.createDirectories(confDir());
        Files.createDirectories(home.resolve("tmp"));
        StringBuilder yaml = new StringBuilder("# written by scripts/cluster-local.sh up\n");
        c.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        Files.writeString(confDir().resolve("config.yaml"), yaml.toString());
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9_./:-]+") ? v : "\"" + v.replace("\"", "\\\"") + "\"";
    }

    private Configuration flinkConf() {
        return GlobalConfiguration.loadConfiguration(confDir().toString());
    }

    private void startJobManager() throws IOException {
        Configuration conf = flinkConf();
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = split(JobManagerProcessUtils.generateJvmParametersStr(spec, conf));
        jvm.addAll(split(conf.get(CoreOptions.FLINK_JVM_OPTIONS)));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir().toString()));
        args.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        jobManager()
                .start(
                        flinkClasspath(),
                        jvm,
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        args,
                        Map.of());
    }

    /** Starts TaskManager {@code n} (a new process if an earlier one died). */
    public void startTaskManager(int n) throws IOException {
        Configuration conf = flinkConf();
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> jvm = split(ProcessMemoryUtils.generateJvmParametersStr(spec));
        jvm.addAll(split(conf.get(CoreOptions.FLINK_JVM_OPTIONS)));
        jvm.addAll(split(conf.get(CoreOptions.FLINK_TM_JVM_OPTIONS)));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir().toString()));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        taskManager(n)
                .start(
                        flinkClasspath(),
                        jvm,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        args,
                        Map.of());
    }

    /** SIGKILL on TaskManager {@code n}, as a machine crash would end it. */
    public void killTaskManager(int n) throws IOException {
        taskManager(n).kill();
    }

    public int registeredTaskManagers() {
        JsonNode tms = rest("/taskmanagers");
        return tms == null ? 0 : tms.path("taskmanagers").size();
    }

    /** GET on the REST API; null when it does not answer. */
    public JsonNode rest(String path) {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(restUrl() + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Runs Flink's command-line client ({@code bin/flink}: {@code run}, {@code list}, {@code stop},
     * {@code cancel} ...) against this cluster, as its own process.
     */
    public FlinkClient.Result flink(Duration timeout, String... args) throws Exception {
        return new FlinkClient(flinkClasspath(), confDir()).run(timeout, args);
    }

    /**
     * {@code flink run -d -p N [-s SAVEPOINT] JAR --bootstrap-servers (this cluster's) --model URI
     * ARGS}: submits the job jar as a user would; returns the job id.
     *
     * @param savepoint the savepoint to resume from, or null
     */
    public String submit(
            Path jobJar, int parallelism, String savepoint, Path model, String... jobArgs)
            throws Exception {
        List<String> args =
                new ArrayList<>(List.of("run", "-d", "-p", Integer.toString(parallelism)));
        if (savepoint != null) {
            args.addAll(List.of("-s", savepoint));
        }
        args.addAll(
                List.of(
                        jobJar.toAbsolutePath().toString(),
                        "--bootstrap-servers",
                        bootstrapServers(),
                        "--model",
                        model.toAbsolutePath().toUri().toString()));
        args.addAll(List.of(jobArgs));
        return flink(Duration.ofMinutes(3), args.toArray(String[]::new)).jobId();
    }

    private String flinkClasspath() {
        return flinkLib + "/*";
    }

    // ---- Kafka

    ClusterProcess broker(int n) {
        return new ClusterProcess(home, "kafka-" + n);
    }

    /** Starts Kafka node {@code n} (1-3), formatting its storage on first start. */
    public void startBroker(int n) throws Exception {
        if (broker(n).alive()) {
            return;
        }
        Path dir = home.resolve("kafka-" + n);
        Path props = dir.resolve("server.properties");
        Files.createDirectories(dir);
        Files.writeString(props, brokerProperties(n, dir.resolve("data")));
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            formatStorage(props);
        }
        broker(n)
                .start(
                        kafkaLib + "/*",
                        List.of(BROKER_HEAP, "-Xms128m"),
                        "kafka.Kafka",
                        List.of(props.toString()),
                        Map.of());
    }

    /** SIGTERM on Kafka node {@code n}: a controlled shutdown, as for maintenance. */
    public void stopBroker(int n) throws IOException {
        broker(n).stop(Duration.ofSeconds(60));
    }

    private String brokerProperties(int n, Path data) {
        String voters =
                IntStream.rangeClosed(1, 3)
                        .mapToObj(i -> i + "@localhost:" + ports.controllers()[i - 1])
                        .collect(Collectors.joining(","));
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=" + n,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://localhost:"
                        + ports.kafka()[n - 1]
                        + ",CONTROLLER://localhost:"
                        + ports.controllers()[n - 1],
                "advertised.listeners=PLAINTEXT://localhost:" + ports.kafka()[n - 1],
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "offsets.topic.replication.factor=3",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "group.initial.rebalance.delay.ms=0",
                "log.segment.bytes=16777216",
                "");
    }

    private void formatStorage(Path props) throws Exception {
        Path idFile = home.resolve("kafka-cluster-id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, Uuid.randomUuid().toString());
        }
        String id = Files.readString(idFile).trim();
        Process p =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                kafkaLib + "/*",
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                id,
                                "-c",
                                props.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed: " + out);
        }
    }

    private void awaitBrokers(int count, Duration timeout) throws Exception {
        await(count + " Kafka brokers", () -> brokersUp() >= count, timeout, broker(1));
    }

    /** How many brokers the cluster reports (0 when none answers). */
    public int brokersUp() {
        Properties p = clientProperties();
        p.setProperty("request.timeout.ms", "3000");
        p.setProperty("default.api.timeout.ms", "4000");
        try (Admin admin = Admin.create(p)) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Creates the topics that do not exist yet ({@link #PARTITIONS} partitions, replication 3,
     * min.insync.replicas 2) and waits until the brokers list them, so a client that asks next (the
     * job's preflight) finds them.
     */
    public void createTopics(List<String> names) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String t : names) {
                if (!existing.contains(t)) {
                    topics.add(
                            new NewTopic(t, PARTITIONS, (short) 3)
                                    .configs(Map.of("min.insync.replicas", "2")));
                }
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics not listed after 30 s: " + names);
                }
                Thread.sleep(200);
            }
        }
    }

    // ---- helpers

    private void requireLibs() {
        for (Path lib : List.of(flinkLib, kafkaLib)) {
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException(
                        lib + " is missing: build first (mvn -B -DskipTests install)");
            }
        }
    }

    private static void await(
            String what, BooleanSupplier ready, Duration timeout, ClusterProcess watched)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out after "
                                + timeout.toSeconds()
                                + " s waiting for "
                                + what
                                + "; the end of "
                                + watched.log()
                                + ":\n"
                                + watched.tail(20));
            }
            Thread.sleep(500);
        }
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
