package io.physcast.model.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.autodiff.Param;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaInitialisationTest {
    @TempDir Path dir;

    @Test
    void theModelFileCarriesTheMetaTrainedSpatialModuleAndAFreshHead() throws Exception {
        SpatialDerivativeModel meta = new SpatialDerivativeModel(8, 3);
        Maml.Settings s = new Maml.Settings(2, 2, 1, 0.01f, 1e-2f, 1);
        List<Double> losses =
                Maml.train(
                        meta,
                        new MetaTaskGenerator(40, 60, new int[] {4}, new int[] {1}, 3),
                        s,
                        l -> {});
        ModelSpec spec = new ModelSpec("PA-DGN", 8, 1, 4, 12, 12, 9);
        Path file = dir.resolve("spatial.zip");
        ModelArtifactFile.write(file, MetaInitialisation.artifact(meta, spec, s, losses));
        ModelArtifact read = ModelArtifactFile.read(file);

        Map<String, float[]> loaded = new HashMap<>();
        for (Param p : read.model().params().all()) {
            loaded.put(p.name, p.value.data);
        }
        int spatial = 0;
        for (Param p : meta.params().all()) {
            if (p.name.startsWith("sdl.")) {
                assertArrayEquals(p.value.data, loaded.get(p.name), p.name);
                spatial++;
            } else {
                assertTrue(!loaded.containsKey(p.name), "the auxiliary readout stays out");
            }
        }
        assertTrue(spatial > 0);
        Map<String, float[]> fresh = new HashMap<>();
        for (Param p : spec.build().params().all()) {
            fresh.put(p.name, p.value.data);
        }
        for (var e : fresh.entrySet()) {
            if (e.getKey().startsWith("rgn.")) {
                assertArrayEquals(e.getValue(), loaded.get(e.getKey()), "head as initialised");
            }
        }
        assertEquals(0f, read.fallback().mean()[0]);
    }

    @Test
    void aModelWithoutSpatialModuleIsRefused() {
        SpatialDerivativeModel meta = new SpatialDerivativeModel(8, 3);
        var rgn = new ModelSpec("RGN", 8, 1, 4, 12, 12, 1).build();
        assertThrows(
                IllegalArgumentException.class,
                () -> MetaInitialisation.copySpatial(meta.params(), rgn));
    }
}
