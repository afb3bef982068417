package io.physcast.flink.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's own command-line client ({@code org.apache.flink.client.cli.CliFrontend}, what {@code
 * bin/flink} runs) as a separate process, with the cluster's configuration directory: {@code run},
 * {@code list}, {@code stop --savepointPath}, {@code cancel}.
 */
public final class FlinkClient {
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    private final String classpath;
    private final Path confDir;

    FlinkClient(String classpath, Path confDir) {
        this.classpath = classpath;
        this.confDir = confDir;
    }

    /** What the client printed and how it ended. */
    public record Result(int exitCode, String output) {
        /** The job id {@code flink run -d} printed. */
        public String jobId() {
            return find(JOB_ID, "a job id");
        }

        /** The savepoint path {@code flink stop} printed. */
        public String savepoint() {
            return find(SAVEPOINT, "a savepoint path");
        }

        private String find(Pattern p, String what) {
            Matcher m = p.matcher(output);
            if (exitCode != 0 || !m.find()) {
                throw new IllegalStateException(
                        "flink client (exit " + exitCode + ") printed no " + what + ":\n" + output);
            }
            return m.group(1);
        }
    }

    public Result run(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        for (String o : LocalCluster.JAVA17_OPTS.split(" ")) {
            cmd.add(o);
        }
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("org.apache.flink.client.cli.CliFrontend");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                out[0] = p.getInputStream().readAllBytes();
                            } catch (java.io.IOException e) {
                                out[0] = new byte[0];
                            }
                        });
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new IllegalStateException(
                    "flink " + String.join(" ", args) + " did not end in " + timeout);
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }
}
