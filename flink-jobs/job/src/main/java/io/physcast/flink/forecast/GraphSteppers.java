package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.cuda.ComputeDevice;
import io.physcast.model.graph.StationGraph;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.StepModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each key's stepper: its model instance on its current graph, kept for the most recently used
 * keys. Building one prepares the graph's operators, which a graph keeps until its stations change.
 */
final class GraphSteppers {
    private static final int CACHED = 64;

    private record Cached(int version, int[] src, StepModel model, GraphStepper stepper) {}

    private final ComputeDevice device;

    GraphSteppers(ComputeDevice device) {
        this.device = device;
    }

    private final Map<String, Cached> byKey =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> e) {
                    return size() > CACHED;
                }
            };

    /** The stepper of {@code model} on the snapshot's graph for the key. */
    GraphStepper of(String key, GraphSnapshot s, StepModel model) {
        Cached c = byKey.get(key);
        if (c == null
                || c.version != s.graphVersion
                || !Arrays.equals(c.src, s.src)
                || c.model != model) {
            c =
                    new Cached(
                            s.graphVersion,
                            s.src,
                            model,
                            new GraphStepper(model, inputs(s), device));
            byKey.put(key, c);
        }
        return c.stepper;
    }

    /** The snapshot's graph on the plane the assembler projected its stations onto. */
    static GraphInputs inputs(GraphSnapshot s) {
        return new GraphInputs(new StationGraph(s.x, s.y, s.src, s.dst));
    }
}
