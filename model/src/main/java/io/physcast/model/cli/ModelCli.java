package io.physcast.model.cli;

import io.physcast.model.experiments.ConvectionDiffusionExperiment;
import io.physcast.model.experiments.DerivativeExperiment;
import io.physcast.model.experiments.MeanStd;
import io.physcast.model.experiments.ResultsWriter;
import io.physcast.model.tensor.MatMulBackends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the model module ({@code scripts/model.sh}). Each command writes {@code
 * results.json} and {@code results.md} into {@code --out DIR} and prints the table.
 */
public final class ModelCli {
    private static final String USAGE =
            """
            usage: model.sh reproduce derivatives [--quick] [--training-sets 1] [--out DIR]
                   model.sh reproduce convection-diffusion [--quick] [--out DIR]
                   model.sh evaluate --stations S.csv --readings R.csv [--window 1d]
                            [--input 12] [--horizon 12] [--models persistence,VAR,...,PA-DGN]
                            [--hidden 32] [--k 4] [--train-seconds 100] [--max-iterations 2000]
                            [--lr 1e-3] [--average 0.96] [--feedback-gradients] [--seed 42]
                            [--select mae|loss] [--select-after-sampling] [--seeds 1]
                            [--out DIR]
                   model.sh train --stations S.csv --readings R.csv [--window 1d]
                            [--model PA-DGN] [--train-seconds 300] [--lr 1e-3] [--average 0.96]
                            [--feedback-gradients] [--select mae|loss] [--select-after-sampling]
                            [--out runs/model.zip]
                   model.sh meta-train [--quick] [--hidden 32] [--iterations 500]
                            [--out runs/spatial.zip]
                   model.sh default-model [--quick] [--spatial spatial.zip]
                            [--out runs/default-model.zip]
                   model.sh few-shot --stations S.csv --readings R.csv [--window 1d]
                            [--shots 5,7,10] [--tasks monthly] [--spatial spatial.zip]
                            [--iterations 150] [--max-tasks 24] [--quick] [--out DIR]
              reproduce derivatives   PA-DGN Table 1: MSE (x1e-2) of directional derivatives;
                                      each seed trains on --training-sets point sets (0: a
                                      fresh set every iteration)
              reproduce convection-diffusion
                                      PA-DGN Table 2: MAE (x1e-2) of VAR, MLP, StandardOP,
                                      MeshOP and SDL forecasting the simulated system
              evaluate                train every model on a 70/10/20 chronological split and
                                      report MAE/RMSE at horizons 1, 6, 12 (data units);
                                      checkpoints chosen by validation MAE (--select loss:
                                      by the training loss); --seeds N: mean and std over
                                      seeds s..s+N-1
              train                   train one model on all frames (90/10 train/validation)
                                      and write the model file for the streaming job
              meta-train              PiMetaL: meta-initialise the spatial modules (first-order
                                      MAML on synthetic derivative tasks) into a PA-DGN file
              default-model           the streaming job's model for unseen networks: the
                                      meta-trained SDL plus a head pre-trained on simulated
                                      convection-diffusion; normalisation calibrated online
              few-shot                PiMetaL few-shot table: per calendar month, train on the
                                      first T frames, generate the rest; MSE (normalised) of
                                      FDM+RGN, PA-DGN (scratch) and PiMetaL (meta-initialised)
            """;

    /** Options that take no value; any other {@code --name} takes the next word as its value. */
    static final Set<String> FLAGS = Set.of("quick", "feedback-gradients", "select-after-sampling");

    private ModelCli() {}

    public static void main(String[] argv) throws Exception {
        try {
            Args args = new Args(argv, FLAGS);
            List<String> cmd = args.positional;
            if (cmd.size() == 2
                    && cmd.get(0).equals("reproduce")
                    && cmd.get(1).equals("derivatives")) {
                args.rejectUnknown(Set.of("quick", "out", "training-sets"));
                reproduceDerivatives(args, Path.of(args.get("out", "runs/derivatives")));
            } else if (cmd.size() == 2
                    && cmd.get(0).equals("reproduce")
                    && cmd.get(1).equals("convection-diffusion")) {
                args.rejectUnknown(Set.of("quick", "out"));
                reproduceConvectionDiffusion(
                        args.flag("quick"), Path.of(args.get("out", "runs/convection-diffusion")));
            } else if (cmd.size() == 1 && cmd.get(0).equals("evaluate")) {
                EvaluateCommand.run(args);
            } else if (cmd.size() == 1 && cmd.get(0).equals("train")) {
                TrainCommand.run(args);
            } else if (cmd.size() == 1 && cmd.get(0).equals("meta-train")) {
                MetaTrainCommand.run(args);
            } else if (cmd.size() == 1 && cmd.get(0).equals("default-model")) {
                DefaultModelCommand.run(args);
            } else if (cmd.size() == 1 && cmd.get(0).equals("few-shot")) {
                FewShotCommand.run(args);
            } else {
                System.err.print(USAGE);
                System.exit(2);
            }
        } catch (io.physcast.model.artifact.InvalidModelArtifactException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (java.io.IOException e) { // a missing input, an output path that is a folder
            System.err.println("error: " + IoErrors.describe(e));
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    private static void reproduceDerivatives(Args args, Path out) throws Exception {
        boolean quick = args.flag("quick");
        DerivativeExperiment.Settings s =
                quick
                        ? DerivativeExperiment.Settings.quick()
                        : DerivativeExperiment.Settings.full();
        s = s.withTrainingSets(args.getInt("training-sets", s.trainingSets()));
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
        writeTable(out, "Directional derivatives (PA-DGN Table 1), MSE x 1e-2", rows, s, t0, r);
    }

    private static void reproduceConvectionDiffusion(boolean quick, Path out) throws Exception {
        ConvectionDiffusionExperiment.Settings s =
                quick
                        ? ConvectionDiffusionExperiment.Settings.quick()
                        : ConvectionDiffusionExperiment.Settings.full();
        System.out.printf(
                "reproduce convection-diffusion (%s): %s, gemm %s%n",
                quick ? "quick" : "full", s, MatMulBackends.get().name());
        long t0 = System.nanoTime();
        Map<String, MeanStd> r =
                new ConvectionDiffusionExperiment(s, line -> System.out.println("  " + line)).run();
        List<List<String>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(r.keySet()));
        rows.add(r.values().stream().map(MeanStd::format).toList());
        writeTable(
                out,
                "Convection-diffusion (PA-DGN Table 2), MAE x 1e-2 over 15 predicted frames",
                rows,
                s,
                t0,
                r);
    }

    /** Writes results.json / results.md of a reproduction and prints the table. */
    private static void writeTable(
            Path out, String title, List<List<String>> rows, Object settings, long t0, Object json)
            throws Exception {
        String md =
                "# "
                        + title
                        + "\n\n"
                        + ResultsWriter.table(rows)
                        + String.format(
                                "%nsettings: %s; %.0f s%n",
                                settings, (System.nanoTime() - t0) / 1e9);
        ResultsWriter.write(out, json, md);
        System.out.println();
        System.out.print(md);
    }
}
