package io.physcast.model.cli;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.artifact.StationModelTraining;
import io.physcast.model.data.StationDataset;
import io.physcast.model.train.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code train --stations S --readings R --out model.zip}: a deployable model artifact. */
final class TrainCommand {
    static final Set<String> OPTIONS = StationOptions.with("model");

    private TrainCommand() {}

    static void run(Args args) throws Exception {
        args.rejectUnknown(OPTIONS);
        Path stations = StationOptions.stations(args);
        Path readings = StationOptions.readings(args);
        StationDataset data = StationOptions.load(args);
        ModelSpec spec =
                new ModelSpec(
                        args.get("model", "PA-DGN"),
                        args.getInt("hidden", 32),
                        args.getInt("gru-layers", 1),
                        args.getInt("k", 4),
                        args.getInt("input", 12),
                        args.getInt("horizon", 12),
                        args.getInt("seed", 42));
        int iterations = args.getInt("max-iterations", 2000);
        TrainingConfig config =
                TrainingConfig.stations(
                                spec.inputLen(),
                                spec.horizon(),
                                iterations,
                                args.getDouble("train-seconds", 300),
                                spec.seed())
                        .withLearningRate(StationOptions.learningRate(args))
                        .withAveraging(StationOptions.averaging(args))
                        .withFeedbackGradients(StationOptions.feedbackGradients(args))
                        .withSelectAfterSampling(StationOptions.selectAfterSampling(args));
        Path out = Path.of(args.get("out", "runs/model.zip"));
        System.out.println("train: " + data.summary());
        System.out.println("model: " + spec);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("stations", stations.getFileName() + " sha256:" + sha256(stations));
        provenance.put("readings", readings.getFileName() + " sha256:" + sha256(readings));
        ModelArtifact a =
                StationModelTraining.train(
                        data,
                        spec,
                        config,
                        StationOptions.select(args),
                        provenance,
                        line -> System.out.println("  " + line));
        ModelArtifactFile.write(out, a);
        System.out.println("wrote " + out + " (version " + a.version() + ")");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newDigest())) {
            MessageDigest d = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.digest());
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
