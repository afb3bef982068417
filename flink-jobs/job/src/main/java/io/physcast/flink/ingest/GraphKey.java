package io.physcast.flink.ingest;

/** Keys of the job's keyed streams: "region|variable" and "region|variable|station". */
public final class GraphKey {
    public static final String SEPARATOR = "|";

    private GraphKey() {}

    public static String of(String region, String variable) {
        return region + SEPARATOR + variable;
    }

    public static String region(String graphKey) {
        return graphKey.substring(0, graphKey.indexOf(SEPARATOR));
    }

    public static String variable(String graphKey) {
        return graphKey.substring(graphKey.indexOf(SEPARATOR) + 1);
    }
}
