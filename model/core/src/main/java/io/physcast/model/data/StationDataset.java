package io.physcast.model.data;

import io.physcast.model.graph.GeoProjection;
import io.physcast.model.graph.KnnGraphBuilder;
import io.physcast.model.graph.StationGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A station network with its readings aggregated into frames: the input of evaluation, training and
 * few-shot runs. Stations listed but never reporting are left out (they would be permanent gaps)
 * and counted.
 */
public record StationDataset(
        List<Station> stations,
        FrameSeries series,
        Map<String, Integer> rejectedReadings,
        int stationsWithoutReadings) {

    public static StationDataset load(Path stationsCsv, Path readingsCsv, Duration window)
            throws IOException {
        List<Station> listed = StationCsv.read(stationsCsv);
        ReadingCsv.Result r = ReadingCsv.read(readingsCsv, listed);
        boolean[] reports = new boolean[listed.size()];
        r.readings().forEach(x -> reports[x.station()] = true);
        int[] newIndex = new int[listed.size()];
        List<Station> kept = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            newIndex[i] = reports[i] ? kept.size() : -1;
            if (reports[i]) {
                kept.add(listed.get(i));
            }
        }
        if (kept.size() < 2) {
            throw new IllegalArgumentException("fewer than 2 stations have readings");
        }
        List<Reading> readings = new ArrayList<>(r.readings().size());
        for (Reading x : r.readings()) {
            readings.add(new Reading(newIndex[x.station()], x.time(), x.value()));
        }
        FrameSeries series = FrameSeries.aggregate(readings, kept.size(), window);
        return new StationDataset(kept, series, r.rejected(), listed.size() - kept.size());
    }

    /** The k-NN graph (k = 4, symmetrised) on the stations projected to a local plane in km. */
    public StationGraph knnGraph(int k) {
        double[][] xy = projected();
        return new KnnGraphBuilder(k).build(xy[0], xy[1]);
    }

    /** Station positions in km on a local plane: {@code {x[], y[]}}. */
    public double[][] projected() {
        double[] lat = stations.stream().mapToDouble(Station::lat).toArray();
        double[] lon = stations.stream().mapToDouble(Station::lon).toArray();
        GeoProjection p = GeoProjection.centredOn(lat, lon);
        double[][] xy = new double[2][stations.size()];
        for (int i = 0; i < lat.length; i++) {
            double[] v = p.project(lat[i], lon[i]);
            xy[0][i] = v[0];
            xy[1][i] = v[1];
        }
        return xy;
    }

    public String summary() {
        return String.format(
                "%d stations (%d without readings left out), %d frames of %s from %s, %.0f%% observed, rejected rows %s",
                stations.size(),
                stationsWithoutReadings,
                series.length(),
                series.window(),
                series.time(0),
                100 * series.coverage(),
                rejectedReadings);
    }
}
