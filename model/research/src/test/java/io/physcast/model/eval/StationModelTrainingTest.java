package io.physcast.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelArtifactFileTest;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.data.StationDataset;
import io.physcast.model.train.TrainingConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationModelTrainingTest {
    @TempDir Path dir;

    @Test
    void trainedModelFileCarriesItsStationsNormalisationAndProvenance() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        ModelSpec spec = new ModelSpec("PA-DGN", 8, 1, 4, 6, 4, 7);
        ModelArtifact a =
                StationModelTraining.train(
                        data,
                        spec,
                        TrainingConfig.stations(6, 4, 20, 30, 7),
                        CheckpointMetric.MAE,
                        Map.of("readings", "slice"),
                        line -> {});
        Path f = dir.resolve("model.zip");
        ModelArtifactFile.write(f, a);
        ModelArtifact b = ModelArtifactFile.read(f);
        assertEquals(20, b.stations().size());
        assertEquals(data.stations().get(3).id(), b.stations().get(3));
        assertTrue(b.normalisation().mean()[0] > 5, "PM10 means are tens of ug/m3");
        assertEquals("slice", b.provenance().data().get("readings"));
        assertTrue(b.provenance().training().containsKey("report"));
        assertArrayEquals(
                ModelArtifactFileTest.behaviour(a.model()),
                ModelArtifactFileTest.behaviour(b.model()));
    }
}
