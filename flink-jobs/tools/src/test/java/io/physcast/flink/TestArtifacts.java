package io.physcast.flink;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.flink.snapshot.SnapshotFrames;
import io.physcast.flink.snapshot.StationRoster;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.artifact.Provenance;
import java.nio.file.Path;
import java.util.Map;

/** Small untrained models and synthetic snapshots for the job's tests. */
public final class TestArtifacts {
    public static final long HOUR = 3_600_000L;
    public static final long T0 = 1_700_000_000_000L / HOUR * HOUR;

    private TestArtifacts() {}

    /** A small PA-DGN (hidden 8) with a pooled normalisation (mean 10, std 2). */
    public static ModelArtifact tinyPadgn() {
        return tinyPadgn(7);
    }

    /** The same network with parameters drawn from another seed (another model version). */
    public static ModelArtifact tinyPadgn(long seed) {
        ModelSpec spec = new ModelSpec("PA-DGN", 8, 1, 4, 4, 4, seed);
        return ModelArtifact.forAnyStations(
                spec, spec.build(), 10f, 2f, new Provenance("test", Map.of(), Map.of(), Map.of()));
    }

    /** The same network as a model file for any network: normalisation calibrated online. */
    public static ModelArtifact tinyOnlinePadgn() {
        ModelSpec spec = new ModelSpec("PA-DGN", 8, 1, 4, 4, 4, 7);
        return ModelArtifact.forAnyStations(
                spec,
                spec.build(),
                0f,
                1f,
                new Provenance(
                        "test",
                        Map.of(),
                        Map.of(ModelArtifact.NORMALISATION, ModelArtifact.ONLINE),
                        Map.of()));
    }

    public static Path writeTinyOnline(Path dir) throws Exception {
        Path file = dir.resolve("tiny-online.zip");
        ModelArtifactFile.write(file, tinyOnlinePadgn());
        return file;
    }

    public static Path writeTiny(Path dir) throws Exception {
        return writeTiny(dir, 7);
    }

    public static Path writeTiny(Path dir, long seed) throws Exception {
        Path file = dir.resolve("tiny-" + seed + ".zip");
        ModelArtifactFile.write(file, tinyPadgn(seed));
        return file;
    }

    /** Station i at a grid position near 53N 8W. */
    public static double lat(int i) {
        return 53 + 0.1 * (i % 5) + 0.013 * i;
    }

    public static double lon(int i) {
        return -8 + 0.1 * (i / 5) - 0.007 * i;
    }

    /** A smooth travelling wave, the value of station i in window w. */
    public static double value(int i, int w) {
        return 10 + 3 * Math.sin(0.3 * w + 0.7 * i);
    }

    /** Snapshot of window w for stations 0..n-1 with station {@code missing} unobserved. */
    public static GraphSnapshot snapshot(int n, int w, int missing) {
        String[] ids = new String[n];
        double[] la = new double[n];
        double[] lo = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "s" + i;
            la[i] = lat(i);
            lo[i] = lon(i);
        }
        StationRoster r = new StationRoster().withStations(ids, la, lo, 4);
        GraphSnapshot s = SnapshotFrames.ofGraph("ie", "wind", T0 + (w + 1) * HOUR, HOUR, r);
        for (int i = 0; i < n; i++) {
            s.observed[i] = i != missing;
            s.values[i] = s.observed[i] ? value(i, w) : 0;
        }
        return s;
    }
}
