package io.physcast.model.meta;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.artifact.Provenance;
import io.physcast.model.autodiff.Param;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.StepModel;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts meta-initialised spatial modules into a PA-DGN (by parameter name) and into a model file.
 */
public final class MetaInitialisation {
    private MetaInitialisation() {}

    /** Copies every {@code sdl.*} parameter; returns how many. Shapes must agree. */
    public static int copySpatial(ParamSet from, StepModel to) {
        Map<String, Param> target = new HashMap<>();
        for (Param p : to.params().all()) {
            target.put(p.name, p);
        }
        int copied = 0;
        for (Param p : from.all()) {
            if (!p.name.startsWith(RecurrentGraphNetwork.SPATIAL_PREFIX)) {
                continue;
            }
            Param q = target.get(p.name);
            if (q == null || !q.value.sameShape(p.value)) {
                throw new IllegalArgumentException(
                        "spatial parameter " + p.name + " has no counterpart of its shape");
            }
            System.arraycopy(p.value.data, 0, q.value.data, 0, p.value.data.length);
            copied++;
        }
        if (copied == 0) {
            throw new IllegalArgumentException(to.name() + " has no spatial module to initialise");
        }
        return copied;
    }

    /**
     * A PA-DGN model file whose spatial modules are meta-initialised and whose temporal head is
     * fresh (to be adapted on the target data). It carries no station normalisation: the fallback
     * is the identity (mean 0, std 1).
     */
    public static ModelArtifact artifact(
            SpatialDerivativeModel meta,
            ModelSpec spec,
            Maml.Settings settings,
            List<Double> losses) {
        StepModel model = spec.build();
        copySpatial(meta.params(), model);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("maml", settings);
        training.put("firstAdaptedQueryLoss", losses.isEmpty() ? null : losses.get(0));
        training.put(
                "lastAdaptedQueryLoss", losses.isEmpty() ? null : losses.get(losses.size() - 1));
        return forAnyNetwork(
                spec,
                model,
                Map.of("meta-train", "synthetic Fourier fields (MetaTaskGenerator)"),
                Map.of("maml", settings),
                training);
    }

    /** A model file without station statistics (fallback mean 0, std 1), made now. */
    static ModelArtifact forAnyNetwork(
            ModelSpec spec,
            StepModel model,
            Map<String, String> data,
            Map<String, Object> settings,
            Map<String, Object> training) {
        return ModelArtifact.forAnyStations(
                spec,
                model,
                0f,
                1f,
                new Provenance(Instant.now().toString(), data, settings, training));
    }
}
