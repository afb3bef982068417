package io.physcast.model.commands;

import io.physcast.model.experiments.ConvectionDiffusionExperiment;
import io.physcast.model.experiments.DerivativeExperiment;
import io.physcast.model.experiments.MeanStd;
import io.physcast.model.tensor.MatMulBackends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reproduce derivatives} and {@code reproduce convection-diffusion}: the paper's tables. */
final class ReproduceCommands {
    private ReproduceCommands() {}

    @Command(
            name = "reproduce derivatives",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            usageHelpWidth = 100,
            description = {
                "model.sh reproduce derivatives: PA-DGN Table 1, MSE (x1e-2) of directional"
                        + " derivatives of FinGrad, MLP, GN, One-w and SDL."
            })
    static final class Derivatives implements ModelCommand {
        @Option(
                names = "--quick",
                description =
                        "400 iterations, hidden 32, 8 test sets (CI) instead of the full run.")
        boolean quick;

        @Option(
                names = "--training-sets",
                paramLabel = "N",
                description =
                        "Point sets each seed trains on (default 1, as the paper; 0: a fresh set"
                                + " every iteration).")
        Integer trainingSets;

        @Option(
                names = "--out",
                defaultValue = "runs/derivatives",
                paramLabel = "DIR",
                description = "Where results.json and results.md go.")
        Path out;

        @Override
        public void run() throws Exception {
            DerivativeExperiment.Settings s =
                    quick
                            ? DerivativeExperiment.Settings.quick()
                            : DerivativeExperiment.Settings.full();
            if (trainingSets != null) {
                s = s.withTrainingSets(trainingSets);
            }
            System.out.printf(
                    "reproduce derivatives (%s): %d points, %d iterations on %s, %d seeds, hidden %d,"
                            + " gemm %s%n",
                    quick ? "quick" : "full",
                    s.points(),
                    s.iterations(),
                    s.trainingSets() == 0
                            ? "a fresh point set each"
                            : s.trainingSets() + " point set(s) per seed",
                    s.seeds(),
                    s.hidden(),
                    MatMulBackends.get().name());
            long t0 = System.nanoTime();
            Map<String, Map<String, MeanStd>> r =
                    new DerivativeExperiment(s, line -> System.out.println("  " + line)).run();
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("field"));
            header.addAll(r.get("f1").keySet());
            rows.add(header);
            for (var e : r.entrySet()) {
                List<String> row = new ArrayList<>(List.of(e.getKey()));
                e.getValue().values().forEach(m -> row.add(m.format()));
                rows.add(row);
            }
            ModelCli.writeTable(
                    out, "Directional derivatives (PA-DGN Table 1), MSE x 1e-2", rows, s, t0, r);
        }
    }

    @Command(
            name = "reproduce convection-diffusion",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            usageHelpWidth = 100,
            description = {
                "model.sh reproduce convection-diffusion: PA-DGN Table 2, MAE (x1e-2) of VAR, MLP,"
                        + " StandardOP, MeshOP and SDL forecasting the simulated system."
            })
    static final class ConvectionDiffusion implements ModelCommand {
        @Option(
                names = "--quick",
                description = "200 sessions, hidden 32, 300 iterations, 2 seeds (CI).")
        boolean quick;

        @Option(
                names = "--seconds-per-model",
                paramLabel = "S",
                description =
                        "A wall-clock budget per model and seed (default: none, every model"
                                + " trains to its iteration cap or early stopping, so the table"
                                + " is the same on any machine).")
        Double secondsPerModel;

        @Option(
                names = "--out",
                defaultValue = "runs/convection-diffusion",
                paramLabel = "DIR",
                description = "Where results.json and results.md go.")
        Path out;

        @Override
        public void run() throws Exception {
            ConvectionDiffusionExperiment.Settings s =
                    quick
                            ? ConvectionDiffusionExperiment.Settings.quick()
                            : ConvectionDiffusionExperiment.Settings.full();
            if (secondsPerModel != null) {
                s = s.withSecondsPerModel(secondsPerModel);
            }
            System.out.printf(
                    "reproduce convection-diffusion (%s): %s, gemm %s%n",
                    quick ? "quick" : "full", s, MatMulBackends.get().name());
            long t0 = System.nanoTime();
            Map<String, ConvectionDiffusionExperiment.Score> r =
                    new ConvectionDiffusionExperiment(s, line -> System.out.println("  " + line))
                            .run();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("model", "MAE x 1e-2", "iterations, training seconds (each seed)"));
            r.forEach(
                    (name, score) -> rows.add(List.of(name, score.mae().format(), score.effort())));
            ModelCli.writeTable(
                    out,
                    "Convection-diffusion (PA-DGN Table 2), MAE x 1e-2 over 15 predicted frames",
                    rows,
                    s,
                    t0,
                    r);
        }
    }
}
