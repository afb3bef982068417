package io.physcast.flink.forecast;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.padgn.StepModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model each key steps with: the model file's own instance, never changed, for keys without an
 * adapted head; for a key with one, an instance of its own holding its head, so that no key's
 * parameters are ever written into a model another key uses. Instances of the most recently used
 * keys are kept; an evicted one is rebuilt from the head in the key's state.
 */
final class KeyModels {
    private static final int CACHED = 64;

    private record Adapted(StepModel model, float[][] head) {}

    private final ModelArtifact artifact;
    private final float[][] base;
    private StepModel scratch;
    private final Map<String, Adapted> byKey =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Adapted> e) {
                    return size() > CACHED;
                }
            };

    KeyModels(ModelArtifact artifact) {
        this.artifact = artifact;
        this.base = artifact.model().params().snapshot();
    }

    /** The key's parameter set: its adapted head, or the model file's. */
    float[][] paramsOf(ForecastState st) {
        return st.head == null ? base : st.head;
    }

    /** The model instance that steps the key now. */
    StepModel of(String key, ForecastState st) {
        if (st.head == null) {
            byKey.remove(key);
            return artifact.model();
        }
        Adapted a = byKey.get(key);
        if (a == null || a.head != st.head) {
            StepModel m = a != null ? a.model : artifact.spec().build();
            m.params().restore(st.head);
            a = new Adapted(m, st.head);
            byKey.put(key, a);
        }
        return a.model;
    }

    /** The instance inline training uses (each training overwrites its parameters first). */
    StepModel scratch() {
        if (scratch == null) {
            scratch = artifact.spec().build();
        }
        return scratch;
    }
}
