package io.physcast.flink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for the tests, and the check that one failed the way a user should see it: exit 1,
 * one clear line.
 */
final class CommandLines {
    private CommandLines() {}

    /** {@code replay} of two CSV files with region r and variable v, plus {@code more} options. */
    static List<String> replay(String bootstrap, Path stations, Path readings, String... more) {
        List<String> argv =
                new ArrayList<>(
                        List.of(
                                "replay",
                                "--bootstrap-servers",
                                bootstrap,
                                "--stations",
                                stations.toString(),
                                "--readings",
                                readings.toString(),
                                "--region",
                                "r",
                                "--variable",
                                "v"));
        argv.addAll(List.of(more));
        return argv;
    }

    /** A stations file of two stations, a and b, in {@code dir}. */
    static Path twoStations(Path dir) throws IOException {
        return Files.writeString(
                dir.resolve("stations.csv"), "station,lat,lon\na,53.1,-8.2\nb,53.3,-8.0\n");
    }

    static void assertError(List<String> argv, String mentions) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = FlinkCli.run(argv.toArray(String[]::new));
        } finally {
            System.setErr(err);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        String errorLines =
                out.lines().filter(l -> l.startsWith("error: ")).reduce("", (x, y) -> x + y);
        assertEquals(1, code, out);
        assertTrue(errorLines.contains(mentions), "names the problem: " + out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
    }
}
