package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.graph.StationGraph;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's stepper for each key's current graph, kept for the most recently used keys: building
 * one prepares the graph's operators, which a graph keeps until its stations change.
 */
final class GraphSteppers {
    private static final int CACHED = 64;

    private record Cached(int version, int[] src, GraphStepper stepper) {}

    private final ModelArtifact artifact;
    private final Map<String, Cached> byKey =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> e) {
                    return size() > CACHED;
                }
            };

    GraphSteppers(ModelArtifact artifact) {
        this.artifact = artifact;
    }

    GraphStepper of(String key, GraphSnapshot s) {
        Cached c = byKey.get(key);
        if (c == null || c.version != s.graphVersion || !Arrays.equals(c.src, s.src)) {
            c = new Cached(s.graphVersion, s.src, new GraphStepper(artifact.model(), inputs(s)));
            byKey.put(key, c);
        }
        return c.stepper;
    }

    /** The snapshot's graph on the plane the assembler projected its stations onto. */
    static GraphInputs inputs(GraphSnapshot s) {
        return new GraphInputs(new StationGraph(s.x, s.y, s.src, s.dst));
    }

    int size() {
        return byKey.size();
    }
}
