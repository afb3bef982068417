package io.physcast.model.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's {@code results.json} and {@code results.md} into its output folder. */
public final class ResultsWriter {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {}

    public static void write(Path dir, Object json, String markdown) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("results.json").toFile(), json);
        Files.writeString(dir.resolve("results.md"), markdown);
    }

    /** A markdown table: first row is the header. */
    public static String table(java.util.List<java.util.List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            sb.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
            if (r == 0) {
                sb.append("|").append("---|".repeat(rows.get(0).size())).append("\n");
            }
        }
        return sb.toString();
    }
}
