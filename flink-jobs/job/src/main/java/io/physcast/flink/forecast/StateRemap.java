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
        Map<String, Integer> oldNode = new HashMap<>();
        for (int i = 0; i < st.stations.length; i++) {
            oldNode.put(st.stations[i], i);
        }
        int[] nodeFromOld = new int[n];
        for (int i = 0; i < n; i++) {
            nodeFromOld[i] = oldNode.getOrDefault(s.stations[i], -1);
        }
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
