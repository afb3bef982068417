package io.physcast.model.commands;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.data.StationDataset;
import io.physcast.model.eval.StationModelTraining;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train --stations S --readings R --out model.zip}: a deployable model artifact. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "model.sh train: one model trained on a station data set (90/10 train/validation),"
                    + " written as the model file the streaming job loads."
        })
final class TrainCommand implements ModelCommand {
    @Mixin DataOptions data;
    @Mixin TrainingOptions training;

    @Option(
            names = "--model",
            defaultValue = "PA-DGN",
            paramLabel = "NAME",
            description = "The network: PA-DGN, RGN, RGN(StandardOP), RGN(MeshOP), GRU, MLP, VAR.")
    String model;

    @Option(
            names = "--train-seconds",
            paramLabel = "S",
            description =
                    "A wall-clock budget in seconds (default: none; training ends at"
                            + " --max-iterations or by early stopping, the same on any machine).")
    Double trainSeconds;

    @Option(
            names = "--out",
            defaultValue = "runs/model.zip",
            paramLabel = "FILE",
            description = "The model file written.")
    Path out;

    @Override
    public void run() throws Exception {
        training.useDevice();
        Path stations = this.data.files.stations;
        Path readings = this.data.files.readings;
        StationDataset data = this.data.load();
        ModelSpec spec =
                new ModelSpec(
                        model,
                        training.hidden,
                        training.gruLayers,
                        training.k,
                        training.input,
                        training.horizon,
                        training.seed);
        TrainingConfig config =
                training.config(
                        training.maxIterations,
                        trainSeconds == null ? Double.POSITIVE_INFINITY : trainSeconds);
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
                        training.checkpointMetric(),
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
