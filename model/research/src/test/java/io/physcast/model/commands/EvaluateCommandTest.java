package io.physcast.model.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.physcast.model.cli.CommandLines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --seeds 2} end to end on the PM10 slice. */
class EvaluateCommandTest {
    @TempDir Path out;

    @Test
    void severalSeedsReportTheMeanAndSpreadOfEachSeedsFigures() throws Exception {
        Path data = Path.of("src/test/resources/data");
        CommandLines.parse(
                        new EvaluateCommand(),
                        new String[] {
                            "--stations", data.resolve("de-pm10-slice-stations.csv").toString(),
                            "--readings", data.resolve("de-pm10-slice-daily.csv").toString(),
                            "--input", "6",
                            "--horizon", "6",
                            "--models", "persistence,VAR",
                            "--max-iterations", "30",
                            "--seeds", "2",
                            "--out", out.toString()
                        })
                .run();
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(2, json.get("seeds").asInt());
        for (String model : new String[] {"persistence", "VAR"}) {
            JsonNode m = json.get("models").get(model);
            JsonNode runs = m.get("seeds");
            assertEquals(2, runs.size(), model);
            assertEquals(42, runs.get(0).get("seed").asInt());
            assertEquals(43, runs.get(1).get("seed").asInt());
            for (int j = 0; j < 2; j++) { // horizons 1 and 6
                double a = runs.get(0).get("mae").get(j).asDouble();
                double b = runs.get(1).get("mae").get(j).asDouble();
                assertEquals((a + b) / 2, m.get("mae").get(j).asDouble(), 1e-9, model);
                assertEquals(Math.abs(a - b) / 2, m.get("mae_std").get(j).asDouble(), 1e-9);
            }
        }
        // persistence has no parameters: the seed cannot move it
        assertEquals(0.0, json.get("models").get("persistence").get("mae_std").get(1).asDouble());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("over 2 seeds (42 to 43)"));
        // the skill guard's row and every model's intervals
        JsonNode guard = json.get("models").get("guard(all models)");
        assertEquals(2, guard.get("mae").size());
        assertTrue(md.contains("| guard(all models) |"), md);
        assertTrue(md.contains("## 80% prediction intervals"), md);
        for (String model : new String[] {"persistence", "VAR", "guard(all models)"}) {
            JsonNode coverage = json.get("models").get(model).get("coverage");
            for (int j = 0; j < 2; j++) {
                double c = coverage.get(j).asDouble();
                assertTrue(c > 0.3 && c <= 1, model + " coverage " + c);
                assertTrue(json.get("models").get(model).get("winkler").get(j).asDouble() > 0);
            }
        }
    }
}
