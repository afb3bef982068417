package io.physcast.model.artifact;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.physcast.model.autodiff.Param;
import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.StepModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The model file (DESIGN.md section 3): a zip with {@code manifest.json} (format, version, spec,
 * parameter names and shapes, normalisation, provenance, SHA-256 of the parameters) and {@code
 * params.bin}. Reading checks everything it can and fails with {@link
 * InvalidModelArtifactException} naming the problem: a model that loads is the model that was
 * saved.
 */
public final class ModelArtifactFile {
    public static final String FORMAT = "physcast-model";
    public static final int FORMAT_VERSION = 1;
    private static final String MANIFEST = "manifest.json";
    private static final String PARAMS = "params.bin";
    private static final long MAX_ENTRY_BYTES = 1L << 30;
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    // Map.of iterates in an order that varies between JVMs: sort, so that the same
                    // artifact gives the same manifest wherever it is written
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The manifest as stored; unknown fields from newer writers are ignored. */
    record Manifest(
            String format,
            int formatVersion,
            String version,
            ModelSpec spec,
            List<ParamShape> params,
            String paramsSha256,
            List<String> stations,
            float[] mean,
            float[] std,
            float fallbackMean,
            float fallbackStd,
            Provenance provenance) {}

    record ParamShape(String name, int rows, int cols) {}

    private ModelArtifactFile() {}

    /** Writes atomically (temp file, then move), so a reader never sees half a file. */
    public static void write(Path file, ModelArtifact a) throws IOException {
        List<Param> params = ModelArtifact.params(a.model());
        byte[] block = ParamCodec.encode(params);
        List<ParamShape> shapes = new ArrayList<>();
        for (Param p : params) {
            shapes.add(new ParamShape(p.name, p.value.rows, p.value.cols));
        }
        Manifest m =
                new Manifest(
                        FORMAT,
                        FORMAT_VERSION,
                        a.version(),
                        a.spec(),
                        shapes,
                        ParamCodec.sha256(block),
                        a.stations(),
                        a.normalisation().mean(),
                        a.normalisation().std(),
                        a.fallback().mean()[0],
                        a.fallback().std()[0],
                        a.provenance());
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), ".model", ".tmp");
        try { // temp files are owner-only; a model file is read by the job's user too
            Files.setPosixFilePermissions(
                    tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writeValueAsBytes(m));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(PARAMS));
                zip.write(block);
                zip.closeEntry();
            }
            Files.move(
                    tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) { // e.g. the target is a folder: leave no temp
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    public static ModelArtifact read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw invalid(file.toString(), "no such file");
        } catch (IOException e) {
            throw invalid(file.toString(), "cannot read: " + e);
        }
    }

    /**
     * Reads a model file from a stream (any file system: the job opens it through Flink's); {@code
     * file} names it in errors. The stream is read to its end but not closed.
     */
    public static ModelArtifact read(InputStream in, String file) {
        Map<String, byte[]> entries = entries(in, file);
        byte[] manifestBytes = entries.get(MANIFEST);
        byte[] block = entries.get(PARAMS);
        if (manifestBytes == null || block == null) {
            throw invalid(file, "not a model artifact (no " + MANIFEST + " and " + PARAMS + ")");
        }
        Manifest m;
        try {
            m = JSON.readValue(manifestBytes, Manifest.class);
        } catch (IOException e) {
            throw invalid(file, "unreadable manifest: " + e.getMessage());
        }
        if (!FORMAT.equals(m.format())) {
            throw invalid(file, "format '" + m.format() + "' is not " + FORMAT);
        }
        if (m.formatVersion() != FORMAT_VERSION) {
            throw invalid(
                    file,
                    "format version "
                            + m.formatVersion()
                            + " is not supported (this build reads "
                            + FORMAT_VERSION
                            + ")");
        }
        if (!ParamCodec.sha256(block).equals(m.paramsSha256())) {
            throw invalid(file, "parameters do not match their checksum (corrupt file)");
        }
        try {
            StepModel model = m.spec().build();
            List<Param> params = ModelArtifact.params(model);
            checkShapes(params, m.params());
            ParamCodec.decode(block, params);
            return new ModelArtifact(
                    m.version(),
                    m.spec(),
                    model,
                    m.stations(),
                    new Normalisation(m.mean(), m.std()),
                    new Normalisation(
                            new float[] {m.fallbackMean()}, new float[] {m.fallbackStd()}),
                    m.provenance());
        } catch (InvalidModelArtifactException e) {
            throw invalid(file, e.getMessage());
        } catch (RuntimeException e) {
            throw invalid(file, "inconsistent content: " + e.getMessage());
        }
    }

    private static void checkShapes(List<Param> params, List<ParamShape> stored) {
        if (stored == null || stored.size() != params.size()) {
            throw new InvalidModelArtifactException(
                    "parameter list does not match the network its spec builds");
        }
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            ParamShape s = stored.get(i);
            if (!p.name.equals(s.name()) || p.value.rows != s.rows() || p.value.cols != s.cols()) {
                throw new InvalidModelArtifactException(
                        "parameter " + s.name() + " does not match the network (" + p.name + ")");
            }
        }
    }

    private static Map<String, byte[]> entries(InputStream in, String file) {
        Map<String, byte[]> out = new HashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(MANIFEST) || e.getName().equals(PARAMS)) {
                    byte[] bytes = zip.readNBytes((int) MAX_ENTRY_BYTES);
                    out.put(e.getName(), bytes);
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw invalid(file, "corrupt or truncated zip (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw invalid(file, "cannot read: " + e);
        }
        return out;
    }

    private static InvalidModelArtifactException invalid(String file, String why) {
        return new InvalidModelArtifactException("model file " + file + ": " + why);
    }
}
