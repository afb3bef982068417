package io.physcast.model.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.autodiff.Param;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultModelTest {
    @TempDir Path dir;

    @Test
    void keepsTheMetaTrainedSpatialModulesTrainsTheHeadAndAsksForOnlineCalibration()
            throws Exception {
        ModelArtifact spatial = smallSpatial();
        assertFalse(spatial.calibratesOnline(), "meta-train output alone has no head");

        Path file = dir.resolve("default.zip");
        ModelArtifactFile.write(file, DefaultModel.build(spatial, 20, 10, 60, l -> {}));
        ModelArtifact read = ModelArtifactFile.read(file);

        assertTrue(read.calibratesOnline(), "the flag survives the file");
        assertTrue(read.stations().isEmpty());
        Map<String, float[]> before = new HashMap<>();
        for (Param p : spatial.model().params().all()) {
            before.put(p.name, p.value.data);
        }
        boolean headTrained = false;
        for (Param p : read.model().params().all()) {
            if (p.name.startsWith(RecurrentGraphNetwork.SPATIAL_PREFIX)) {
                assertArrayEquals(before.get(p.name), p.value.data, p.name + " frozen");
            } else {
                headTrained |= !Arrays.equals(before.get(p.name), p.value.data);
            }
        }
        assertTrue(headTrained, "the head was pre-trained");
        assertTrue(List.copyOf(read.provenance().data().keySet()).contains("head"));
    }

    @Test
    void theSameSpatialModulesAndStepsGiveTheSameFile() {
        // the steps, not the clock, end the head's pre-training: the file does not depend on
        // the machine or JVM that generates it
        ModelArtifact spatial = smallSpatial();
        String first = DefaultModel.build(spatial, 20, 10, 600, l -> {}).version();
        assertEquals(first, DefaultModel.build(spatial, 20, 10, 600, l -> {}).version());
        assertNotEquals(first, DefaultModel.build(spatial, 20, 11, 600, l -> {}).version());
    }

    private static ModelArtifact smallSpatial() {
        SpatialDerivativeModel meta = new SpatialDerivativeModel(8, 3);
        Maml.Settings s = new Maml.Settings(2, 2, 1, 0.01f, 1e-2f, 1);
        MetaTaskGenerator tasks = new MetaTaskGenerator(40, 60, new int[] {4}, new int[] {1}, 3);
        return MetaInitialisation.artifact(
                meta,
                new ModelSpec("PA-DGN", 8, 1, 4, 12, 12, 9),
                s,
                Maml.train(meta, tasks, s, l -> {}));
    }
}
