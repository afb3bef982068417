package io.physcast.model.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a stations file (DESIGN.md section 3): a header with columns named {@code station}, {@code
 * lat} and {@code lon}; other columns are ignored. Any bad row is an error naming the line, since a
 * wrong station table silently corrupts every graph built from it.
 */
public final class StationCsv {
    private StationCsv() {}

    public static List<Station> read(Path file) throws IOException {
        CSVFormat format =
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = format.parse(in);
            for (String column : List.of("station", "lat", "lon")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException(
                            file
                                    + ": no '"
                                    + column
                                    + "' column (header "
                                    + parser.getHeaderNames()
                                    + ")");
                }
            }
            List<Station> stations = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (CSVRecord r : parser) {
                try {
                    Station s =
                            new Station(
                                    r.get("station").trim(),
                                    Double.parseDouble(r.get("lat")),
                                    Double.parseDouble(r.get("lon")));
                    if (!seen.add(s.id())) {
                        throw new IllegalArgumentException("duplicate station " + s.id());
                    }
                    stations.add(s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            file + " line " + r.getRecordNumber() + ": " + e.getMessage(), e);
                }
            }
            if (stations.size() < 2) {
                throw new IllegalArgumentException(file + ": needs at least 2 stations");
            }
            return stations;
        }
    }
}
