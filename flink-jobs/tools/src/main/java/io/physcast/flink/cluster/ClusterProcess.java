package io.physcast.flink.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JVM of the local cluster, started detached (it outlives the command that started it) with its
 * output in {@code logs/NAME.log} and its pid in {@code pids/NAME.pid}, so that a later command
 * finds, stops or kills it.
 */
final class ClusterProcess {
    private final String name;
    private final Path pidFile;
    private final Path logFile;

    ClusterProcess(Path home, String name) {
        this.name = name;
        this.pidFile = home.resolve("pids").resolve(name + ".pid");
        this.logFile = home.resolve("logs").resolve(name + ".log");
    }

    String name() {
        return name;
    }

    Path log() {
        return logFile;
    }

    /** Starts {@code java jvmArgs mainClass args} unless it already runs. */
    void start(
            String classpath,
            List<String> jvmArgs,
            String mainClass,
            List<String> args,
            Map<String, String> env)
            throws IOException {
        if (handle().isPresent()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.createDirectories(pidFile.getParent());
        Files.createDirectories(logFile.getParent());
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectInput(new File("/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        Files.writeString(pidFile, Long.toString(p.pid()));
    }

    /** The running process, if its pid file names a live java process. */
    Optional<ProcessHandle> handle() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean alive() {
        return handle().isPresent();
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
    void stop(Duration grace) throws IOException {
        Optional<ProcessHandle> h = handle();
        if (h.isPresent()) {
            h.get().destroy();
            try {
                h.get().onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.get().destroyForcibly();
                awaitExit(h.get());
            }
        }
        Files.deleteIfExists(pidFile);
    }

    /** SIGKILL: the process ends at once, as on a crashed machine. */
    void kill() throws IOException {
        Optional<ProcessHandle> h = handle();
        if (h.isPresent()) {
            h.get().destroyForcibly();
            awaitExit(h.get());
        }
        Files.deleteIfExists(pidFile);
    }

    private static void awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + h.pid() + " did not end", e);
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
