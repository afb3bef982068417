package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.data.Normalisation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries a key's state onto a changed station set: node rows move by station id and edge rows by
 * (sender id, receiver id); new stations and new edges start from zero hidden state and no history.
 */
final class StateRemap {
    private StateRemap() {}

    static void onto(ForecastState st, GraphSnapshot s, Normalisation norm) {
        int n = s.nodes();
        int[] nodeFromOld = nodeMap(st.stations, s.stations);
        Map<String, Integer> oldEdge = new HashMap<>();
        for (int e = 0; e < st.src.length; e++) {
            oldEdge.put(edgeId(st.stations[st.src[e]], st.stations[st.dst[e]]), e);
        }
        int[] edgeFromOld = new int[s.src.length];
        for (int e = 0; e < s.src.length; e++) {
            edgeFromOld[e] =
                    oldEdge.getOrDefault(edgeId(s.stations[s.src[e]], s.stations[s.dst[e]]), -1);
        }
        st.setHidden(st.hidden().remap(nodeFromOld, edgeFromOld));
        st.lastPrediction = nodes(st.lastPrediction, nodeFromOld, Float.NaN);
        st.lastObserved = nodes(st.lastObserved, nodeFromOld, Float.NaN);
        for (int f = 0; f < st.frameTimes.length; f++) {
            st.frameValues[f] = nodes(st.frameValues[f], nodeFromOld, 0f);
            st.frameObserved[f] = nodes(st.frameObserved[f], nodeFromOld, 0f);
        }
        for (int f = 0; st.dayValues != null && f < st.dayValues.length; f++) {
            st.dayValues[f] = nodes(st.dayValues[f], nodeFromOld, Float.NaN);
        }
        if (st.trust != null) {
            st.trust.remapNodes(nodeFromOld);
        }
        boolean appendOnly = true;
        for (int i = 0; i < st.stations.length; i++) {
            appendOnly &= i < n && nodeFromOld[i] == i;
        }
        if (!appendOnly) {
            // issued forecasts are indexed by the old order; scoring them would mix stations
            st.clearIssued();
        }
        st.adoptGraph(s, norm);
    }

    /** For each station now, its row in the old list (-1: new). */
    static int[] nodeMap(String[] old, String[] now) {
        Map<String, Integer> oldNode = new HashMap<>();
        for (int i = 0; old != null && i < old.length; i++) {
            oldNode.put(old[i], i);
        }
        int[] fromOld = new int[now.length];
        for (int i = 0; i < now.length; i++) {
            fromOld[i] = oldNode.getOrDefault(now[i], -1);
        }
        return fromOld;
    }

    private static String edgeId(String from, String to) {
        return from + "\u0000" + to;
    }

    private static float[] nodes(float[] old, int[] fromOld, float missing) {
        if (old == null) {
            return null;
        }
        float[] out = new float[fromOld.length];
        Arrays.fill(out, missing);
        for (int i = 0; i < fromOld.length; i++) {
            if (fromOld[i] >= 0) {
                out[i] = old[fromOld[i]];
            }
        }
        return out;
    }
}
