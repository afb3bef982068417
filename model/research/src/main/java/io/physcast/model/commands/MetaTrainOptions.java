package io.physcast.model.commands;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.cli.DeviceOption;
import io.physcast.model.meta.Maml;
import io.physcast.model.meta.MetaTraining;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** PiMetaL meta-training of the spatial modules (a picocli mixin of meta-train, default-model). */
public final class MetaTrainOptions {
    @Mixin DeviceOption device;

    @Option(names = "--quick", description = "A small run (CI): fewer tasks and iterations.")
    boolean quick;

    @Option(
            names = "--hidden",
            defaultValue = "32",
            paramLabel = "N",
            description = "Hidden size of the spatial modules.")
    int hidden;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            description = "Meta-iterations (default 500; 20 with --quick).")
    Integer iterations;

    @Option(
            names = "--tasks-per-batch",
            paramLabel = "N",
            description = "Tasks per meta-batch (default 4).")
    Integer tasksPerBatch;

    @Option(
            names = "--inner-steps",
            paramLabel = "N",
            description = "SGD steps on a task's support graph (default 2).")
    Integer innerSteps;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed.")
    long seed;

    /** Meta-trains with these settings (first-order MAML on synthetic derivative tasks). */
    ModelArtifact metaTrain() {
        return metaTrain(quick, hidden, seed, iterations, tasksPerBatch, innerSteps);
    }

    /** The same with the preset's iterations, batch and inner steps. */
    static ModelArtifact metaTrain(boolean quick, int hidden, long seed) {
        return metaTrain(quick, hidden, seed, null, null, null);
    }

    private static ModelArtifact metaTrain(
            boolean quick,
            int hidden,
            long seed,
            Integer iterations,
            Integer tasksPerBatch,
            Integer innerSteps) {
        Maml.Settings d = MetaTraining.settings(quick, seed);
        Maml.Settings settings =
                new Maml.Settings(
                        iterations != null ? iterations : d.iterations(),
                        tasksPerBatch != null ? tasksPerBatch : d.tasksPerBatch(),
                        innerSteps != null ? innerSteps : d.innerSteps(),
                        d.innerLr(),
                        d.outerLr(),
                        seed);
        return MetaTraining.spatialModules(
                hidden, settings, MetaTraining.tasks(quick), System.out::println);
    }
}
