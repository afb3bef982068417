package io.physcast.model.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a readings file (DESIGN.md section 3): a header row, then station id, ISO-8601 date or
 * date-time (UTC unless an offset is given), numeric value. Rows that cannot be used are not errors
 * of the whole file (real data has them) but are counted by reason and reported, never dropped
 * silently.
 */
public final class ReadingCsv {
    private ReadingCsv() {}

    /** The accepted readings and the rejected rows counted by reason. */
    public record Result(List<Reading> readings, Map<String, Integer> rejected) {
        public int rejectedTotal() {
            return rejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public static Result read(Path file, List<Station> stations) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < stations.size(); i++) {
            index.put(stations.get(i).id(), i);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).build();
        List<Reading> readings = new ArrayList<>();
        Map<String, Integer> rejected = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CSVRecord r : format.parse(in)) {
                if (header) {
                    header = false;
                    continue;
                }
                String reason = null;
                if (r.size() < 3) {
                    reason = "fewer than 3 columns";
                } else if (!index.containsKey(r.get(0))) {
                    reason = "unknown station";
                } else {
                    Instant time = parseTime(r.get(1));
                    double value = parseValue(r.get(2));
                    if (time == null) {
                        reason = "unparsable time";
                    } else if (Double.isNaN(value) && r.get(2).isEmpty()) {
                        reason = "empty value";
                    } else if (!Double.isFinite(value)) {
                        reason = "non-numeric or non-finite value";
                    } else {
                        readings.add(new Reading(index.get(r.get(0)), time, value));
                    }
                }
                if (reason != null) {
                    rejected.merge(reason, 1, Integer::sum);
                }
            }
        }
        if (readings.isEmpty()) {
            throw new IllegalArgumentException(file + ": no usable readings " + rejected);
        }
        return new Result(readings, rejected);
    }

    static Instant parseTime(String s) {
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static double parseValue(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
