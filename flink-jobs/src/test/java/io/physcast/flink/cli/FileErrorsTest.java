package io.physcast.flink.cli;

import static io.physcast.flink.cli.CliErrors.assertError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File mistakes on the command lines that need no broker (each fails before connecting): a missing
 * input, an unreadable client configuration, an output folder with a file in its place. Each ends
 * with exit code 1 and one {@code error:} line naming the path, not a stack trace.
 */
class FileErrorsTest {
    @TempDir Path dir;

    @Test
    void aMissingReadingsFileIsNamed() throws Exception {
        Path missing = dir.resolve("stations.csv");
        assertError(
                List.of(
                        "replay",
                        "--bootstrap-servers",
                        "localhost:1",
                        "--stations",
                        missing.toString(),
                        "--readings",
                        missing.toString(),
                        "--region",
                        "r",
                        "--variable",
                        "v"),
                "no such file or folder: " + missing);
    }

    @Test
    void aMissingClientConfigurationIsNamed() throws Exception {
        Path missing = dir.resolve("client.properties");
        assertError(
                List.of(
                        "tail",
                        "--bootstrap-servers",
                        "localhost:1",
                        "--client-config",
                        missing.toString()),
                "cannot read --client-config " + missing);
    }

    @Test
    void aFileWhereTheOutputFolderShouldBeIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "x");
        assertError(
                List.of("local", "--out", file.toString()),
                "a file is in the way (expected a folder or nothing): " + file);
    }
}
