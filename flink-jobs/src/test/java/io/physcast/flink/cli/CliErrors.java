package io.physcast.flink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command line and checks it failed the way a user should see: exit 1, one clear line. */
final class CliErrors {
    private CliErrors() {}

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
