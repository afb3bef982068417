package io.physcast.model.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.physcast.model.cli.CommandLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code few-shot --quick} end to end (meta-training included) on the PM10 slice. */
class FewShotCommandTest {
    @TempDir Path out;

    @Test
    void quickRunWritesTheTableForEveryShotCount() throws Exception {
        Path data = Path.of("src/test/resources/data");
        CommandLines.parse(
                        new FewShotCommand(),
                        new String[] {
                            "--stations",
                            data.resolve("de-pm10-slice-stations.csv").toString(),
                            "--readings",
                            data.resolve("de-pm10-slice-daily.csv").toString(),
                            "--window",
                            "1d",
                            "--shots",
                            "5,7,10",
                            "--tasks",
                            "monthly",
                            "--quick",
                            "--out",
                            out.toString()
                        })
                .run();
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(List.of("5", "7", "10"), iterableToList(json.fieldNames()).subList(0, 3));
        for (String shots : List.of("5", "7", "10")) {
            for (String model : List.of("FDM+RGN", "PA-DGN", "PiMetaL")) {
                JsonNode cell = json.get(shots).get(model);
                assertTrue(cell.get("mean").asDouble() > 0, shots + " " + model);
                assertTrue(cell.get("std").asDouble() >= 0);
            }
        }
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| 5 |"));
        // beside the means: the median task and the tasks won, from the same task scores
        assertTrue(md.contains("## Median task") && md.contains("## Tasks won"), md);
        for (String shots : List.of("5", "7", "10")) {
            assertTrue(json.get("median").get(shots).get("PiMetaL").asDouble() > 0);
            int won = json.get("tasks_won_by_pimetal_over_padgn").get(shots).asInt();
            assertTrue(won >= 0 && won <= 3, "of the 3 quick tasks: " + won);
        }
        for (String model : List.of("FDM+RGN", "PA-DGN", "PiMetaL")) {
            assertTrue(json.get("training_seconds").get(model).asDouble() > 0, model);
        }
        assertTrue(md.contains("training seconds"), md);
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
