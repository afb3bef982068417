package io.physcast.model.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads or rewrites one entry of a zip: for building broken model files in tests. */
final class ZipEdit {
    private ZipEdit() {}

    static String read(Path zip, String name) throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("no entry " + name);
    }

    static Path replace(Path from, Path to, String name, String content) throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(from));
                var out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(
                        e.getName().equals(name)
                                ? content.getBytes(StandardCharsets.UTF_8)
                                : in.readAllBytes());
                out.closeEntry();
            }
        }
        return to;
    }
}
