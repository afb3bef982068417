package io.physcast.model.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.StepModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ModelArtifactFileTest {
    static final Path GOLDEN = Path.of("src/test/resources/artifact/golden-pa-dgn-v1.zip");
    @TempDir Path dir;

    /** A small PA-DGN with non-trivial parameters (random, not the zero-init start). */
    static ModelArtifact sample() {
        ModelSpec spec = new ModelSpec("PA-DGN", 8, 1, 4, 6, 3, 11);
        StepModel model = spec.build();
        SplittableRandom r = new SplittableRandom(5);
        model.params()
                .all()
                .forEach(
                        p -> {
                            for (int i = 0; i < p.value.data.length; i++) {
                                p.value.data[i] = (float) (0.3 * r.nextGaussian());
                            }
                        });
        return ModelArtifact.of(
                spec,
                model,
                List.of("A", "B", "C"),
                new Normalisation(new float[] {1, 2, 3}, new float[] {0.5f, 1, 2}),
                new Normalisation(new float[] {2}, new float[] {1.2f}),
                new Provenance(
                        "2026-11-23T00:00:00Z",
                        Map.of("readings", "r.csv sha256:00"),
                        Map.of("seed", 11),
                        Map.of("iterations", 0)));
    }

    /** Two rollout steps on a fixed 30-node graph: the behaviour a loaded model must keep. */
    public static float[] behaviour(StepModel model) {
        GraphStepper s = new GraphStepper(model, new GraphInputs(TestGraphs.knn(30, 2)));
        float[] frame = new float[30];
        for (int i = 0; i < 30; i++) {
            frame[i] = (float) Math.sin(i);
        }
        return s.advanceAndForecast(s.initialState(), frame, 2).forecasts()[1];
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        ModelArtifact a = sample();
        Path f = dir.resolve("m.zip");
        ModelArtifactFile.write(f, a);
        ModelArtifact b = ModelArtifactFile.read(f);
        assertEquals(a.version(), b.version());
        assertEquals(a.spec(), b.spec());
        assertEquals(a.stations(), b.stations());
        assertEquals(a.normalisation(), b.normalisation());
        assertEquals(a.fallback(), b.fallback());
        assertEquals(a.provenance(), b.provenance());
        assertArrayEquals(behaviour(a.model()), behaviour(b.model()));
        assertTrue(a.version().startsWith("PA-DGN-"));
    }

    @Test
    void theManifestListsMapEntriesInKeyOrder() throws Exception {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("zeta", "z");
        data.put("alpha", "a");
        data.put("mid", "m");
        ModelArtifact s = sample();
        ModelArtifact a =
                new ModelArtifact(
                        s.version(),
                        s.spec(),
                        s.model(),
                        s.stations(),
                        s.normalisation(),
                        s.fallback(),
                        new Provenance("2026-11-23T00:00:00Z", data, Map.of(), Map.of()));
        Path f = dir.resolve("m.zip");
        ModelArtifactFile.write(f, a);
        String manifest;
        try (ZipFile zip = new ZipFile(f.toFile())) {
            manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes());
        }
        int alpha = manifest.indexOf("\"alpha\"");
        int mid = manifest.indexOf("\"mid\"");
        int zeta = manifest.indexOf("\"zeta\"");
        assertTrue(alpha >= 0 && alpha < mid && mid < zeta, manifest);
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("taken").resolve("sub"));
        Files.writeString(folder.resolve("x"), "a non-empty folder cannot be replaced by a file");
        Path target = folder.getParent().resolve("sub");
        assertThrows(java.io.IOException.class, () -> ModelArtifactFile.write(target, sample()));
        try (var left = Files.list(folder.getParent())) {
            assertEquals(List.of(target), left.toList(), "only the folder that was there");
        }
    }

    @Test
    void unknownStationsGetTheFallbackNormalisation() {
        Normalisation n = sample().normalisationFor(List.of("C", "Z"));
        assertArrayEquals(new float[] {3, 2}, n.mean());
        assertArrayEquals(new float[] {2, 1.2f}, n.std());
    }

    @Test
    void goldenFileStillLoadsAndBehavesTheSame() {
        // written by format version 1 (GoldenArtifactWriter); new code must keep reading it
        ModelArtifact golden = ModelArtifactFile.read(GOLDEN);
        assertEquals(sample().version(), golden.version());
        assertArrayEquals(behaviour(sample().model()), behaviour(golden.model()));
    }

    @Test
    void corruptFilesFailWithAClearMessage() throws Exception {
        Path good = dir.resolve("good.zip");
        ModelArtifactFile.write(good, sample());
        byte[] bytes = Files.readAllBytes(good);

        assertMessage(dir.resolve("missing.zip"), "no such file");
        Path junk = Files.write(dir.resolve("junk.zip"), new byte[] {1, 2, 3, 4, 5});
        assertMessage(junk, "not a model artifact");
        Path truncated =
                Files.write(dir.resolve("t.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(truncated, "corrupt");
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x55;
        Path f = Files.write(dir.resolve("f.zip"), flipped);
        assertMessage(f, "model file");
    }

    @Test
    void otherFormatVersionsAndMismatchedNetworksAreRefused() throws Exception {
        Path good = dir.resolve("good.zip");
        ModelArtifactFile.write(good, sample());
        assertMessage(
                withManifestEdit(good, "\"formatVersion\" : 1", "\"formatVersion\" : 2"),
                "format version 2 is not supported");
        assertMessage(
                withManifestEdit(good, "\"hidden\" : 8", "\"hidden\" : 16"), "does not match");
        assertMessage(
                withManifestEdit(good, "\"hidden\" : 8", "\"hidden\" : 0"),
                "--hidden must be >= 1, got 0");
    }

    /** A copy of {@code good} whose manifest has {@code from} replaced by {@code to}. */
    private Path withManifestEdit(Path good, String from, String to) throws Exception {
        String manifest = ZipEdit.read(good, "manifest.json");
        assertTrue(manifest.contains(from), from);
        Path edited = dir.resolve("edited-" + Math.abs((from + to).hashCode()) + ".zip");
        return ZipEdit.replace(good, edited, "manifest.json", manifest.replace(from, to));
    }

    @Test
    void aSpecWithoutSizeIsRefusedWhereItIsMade() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ModelSpec("PA-DGN", 32, 0, 4, 12, 12, 1));
        assertTrue(e.getMessage().contains("--gru-layers must be >= 1, got 0"), e.getMessage());
    }

    private static void assertMessage(Path file, String fragment) {
        var e =
                assertThrows(
                        InvalidModelArtifactException.class, () -> ModelArtifactFile.read(file));
        assertTrue(
                e.getMessage().contains(fragment) && e.getMessage().contains(file.toString()),
                e.getMessage());
    }
}
