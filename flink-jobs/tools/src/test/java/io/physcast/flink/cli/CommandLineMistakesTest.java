package io.physcast.flink.cli;

import static io.physcast.flink.cli.CommandLines.assertError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes on the command lines that need no broker (each fails before connecting or starting
 * anything): a missing input, an unreadable client configuration, an output folder with a file in
 * its place, a pace or a network size the run cannot have. Each ends with exit code 1 and one
 * {@code error:} line naming the path or the option, not a stack trace.
 */
class CommandLineMistakesTest {
    @TempDir Path dir;

    @Test
    void aMissingReadingsFileIsNamed() throws Exception {
        Path missing = dir.resolve("stations.csv");
        assertError(
                CommandLines.replay("localhost:1", missing, missing),
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

    @Test
    void aNegativeOrMissingPaceIsRefused() throws Exception {
        String expected = "--speedup must be a number >= 0";
        assertError(List.of("local", "--speedup", "-5", "--out", dir.toString()), expected);
        assertError(
                CommandLines.replay(
                        "localhost:1", Path.of("s.csv"), Path.of("r.csv"), "--speedup", "NaN"),
                expected);
    }

    @Test
    void aSyntheticNetworkTooSmallOrLargerThanTheGridIsRefused() throws Exception {
        String expected = "--synthetic-stations must be in [2, 2500]";
        assertError(
                List.of("local", "--synthetic-stations", "1", "--out", dir.toString()), expected);
        assertError(
                List.of("local", "--synthetic-stations", "2501", "--out", dir.toString()),
                expected);
    }

    @Test
    void aBadStationsFileForTheLocalRunIsOneClearError() throws Exception {
        Path readings =
                Files.writeString(dir.resolve("r.csv"), "station,time,value\na,2020-01-01,1\n");
        Path noLat = Files.writeString(dir.resolve("s1.csv"), "station,latitude,lon\na,53,-6\n");
        assertError(local(noLat, readings), noLat + ": no 'lat' column");
        Path badLat =
                Files.writeString(dir.resolve("s2.csv"), "station,lat,lon\na,53,-6\nb,north,-7\n");
        assertError(local(badLat, readings), badLat + " line 2: ");
        Path offTheGlobe =
                Files.writeString(dir.resolve("s3.csv"), "station,lat,lon\na,53,-6\nb,95,-7\n");
        assertError(local(offTheGlobe, readings), offTheGlobe + " line 2: ");
        assertError(
                List.of("local", "--stations", badLat.toString(), "--out", dir.toString()),
                "--stations and --readings go together");
    }

    private List<String> local(Path stations, Path readings) {
        return List.of(
                "local",
                "--stations",
                stations.toString(),
                "--readings",
                readings.toString(),
                "--out",
                dir.resolve("out").toString());
    }

    @Test
    void anUnreachableBrokerIsNamedInsteadOfRetriedForever() throws Exception {
        assertError(
                List.of("tail", "--bootstrap-servers", "localhost:1"),
                "cannot reach Kafka at localhost:1");
    }
}
