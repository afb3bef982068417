package io.physcast.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationDataTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsStationsByColumnNameIgnoringOthers() throws Exception {
        Path s =
                write(
                        "s.csv",
                        "name,lon,station,lat\n\"Valentia, Kerry\",-10.25,VAL,51.93\nB,-6,BEL,54\n");
        List<Station> stations = StationCsv.read(s);
        assertEquals(List.of("VAL", "BEL"), stations.stream().map(Station::id).toList());
        assertEquals(51.93, stations.get(0).lat());
    }

    @Test
    void rejectsImpossibleCoordinatesAndDuplicatesWithTheLine() throws Exception {
        Path bad = write("s.csv", "station,lat,lon\nA,95,0\nB,1,1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> StationCsv.read(bad));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("impossible"));
        Path dup = write("d.csv", "station,lat,lon\nA,5,0\nA,1,1\n");
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> StationCsv.read(dup))
                        .getMessage()
                        .contains("duplicate station A"));
        Path noLat = write("n.csv", "station,latitude,lon\nA,5,0\n");
        assertThrows(IllegalArgumentException.class, () -> StationCsv.read(noLat));
    }

    @Test
    void countsEveryRejectedReadingByReason() throws Exception {
        Path s = write("s.csv", "station,lat,lon\nA,50,0\nB,51,1\n");
        Path r =
                write(
                        "r.csv",
                        "id,when,v\nA,2005-01-01,1.5\nB,2005-01-01T12:00:00Z,2\nX,2005-01-01,3\n"
                                + "A,yesterday,4\nA,2005-01-02,NaN\nA,2005-01-02,abc\nB,2005-01-02\n"
                                + "A,2005-01-03T06:00,7\n");
        ReadingCsv.Result res = ReadingCsv.read(r, StationCsv.read(s));
        assertEquals(3, res.readings().size());
        assertEquals(5, res.rejectedTotal());
        assertEquals(
                Map.of(
                        "unknown station", 1,
                        "unparsable time", 1,
                        "non-numeric or non-finite value", 2,
                        "fewer than 3 columns", 1),
                res.rejected());
        assertEquals(Instant.parse("2005-01-03T06:00:00Z"), res.readings().get(2).time());
    }

    @Test
    void aggregatesIntoEpochAlignedWindowsKeepingEmptyOnes() {
        Instant day = Instant.parse("2005-01-01T00:00:00Z");
        List<Reading> readings =
                List.of(
                        new Reading(0, day.plusSeconds(3600), 2),
                        new Reading(0, day.plusSeconds(7200), 4),
                        new Reading(1, day.plusSeconds(86400 * 3 + 5), 9));
        FrameSeries f = FrameSeries.aggregate(readings, 2, Duration.ofDays(1));
        assertEquals(4, f.length());
        assertEquals(day, f.time(0));
        assertArrayEquals(new float[] {3, 0}, f.values()[0]);
        assertArrayEquals(new float[] {1, 0}, f.observed()[0]);
        assertArrayEquals(new float[] {0, 0}, f.observed()[1]); // a day with nothing stays
        assertArrayEquals(new float[] {0, 9}, f.values()[3]);
        assertEquals(2.0 / 8, f.coverage());
    }

    @Test
    void normalisesOnTrainingFramesOnly() {
        float[][] v = {{1, 10}, {3, 10}, {100, 1000}};
        float[][] o = {{1, 1}, {1, 0}, {1, 1}};
        Normalisation n = Normalisation.fit(v, o, 0, 2);
        assertEquals(2f, n.mean()[0]);
        assertEquals(1f, n.std()[0], 1e-6);
        // node 1 has one training value: falls back to the pooled statistics of {1, 3, 10}
        assertEquals(14f / 3, n.mean()[1], 1e-5);
        assertEquals(5.0, n.denormalise(0, n.normalise(0, 5.0)), 1e-6);
        float[][] z = n.normalise(v, o);
        assertEquals(0f, z[1][1]); // a gap stays at the normalised mean
    }

    @Test
    void splitsChronologicallyAndForecastsEveryFrameOfLaterParts() {
        ChronologicalSplit s = ChronologicalSplit.of(100, 0.7, 0.1);
        assertEquals(70, s.trainEnd());
        assertEquals(80, s.validationEnd());
        float[][] v = new float[100][1];
        for (int t = 0; t < 100; t++) {
            v[t][0] = t;
        }
        int inputLen = 3;
        var train = s.train(v, v, 5);
        var validation = s.validation(v, v, inputLen, 5);
        var test = s.test(v, v, inputLen, 5);
        assertEquals(66, train.size());
        assertEquals(69f, train.get(65).values()[4][0]); // training never reaches frame 70
        // validation forecasts frames 70..79: the first window warms up on frames 67..69
        assertEquals(9, validation.size());
        assertEquals(67f, validation.get(0).values()[0][0]);
        assertEquals(70f, validation.get(0).values()[inputLen][0]);
        assertEquals(79f, validation.get(8).values()[4][0]);
        assertEquals(19, test.size());
        assertEquals(77, s.testStart(inputLen));
        assertEquals(80f, test.get(0).values()[inputLen][0]);
        assertEquals(99f, test.get(18).values()[4][0]);
    }
}
