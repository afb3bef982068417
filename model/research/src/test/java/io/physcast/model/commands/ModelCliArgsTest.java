package io.physcast.model.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.cli.CommandLines;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The model commands' command lines: flags take no value, mistakes name the option. */
class ModelCliArgsTest {
    private static final String[] DATA = {"--stations", "s.csv", "--readings", "r.csv"};

    private static String[] with(String... more) {
        String[] all = new String[DATA.length + more.length];
        System.arraycopy(DATA, 0, all, 0, DATA.length);
        System.arraycopy(more, 0, all, DATA.length, more.length);
        return all;
    }

    @Test
    void stationFlagsTakeNoValue() {
        EvaluateCommand e =
                CommandLines.parse(
                        new EvaluateCommand(),
                        with("--feedback-gradients", "--select-after-sampling", "--out", "runs/x"));
        assertTrue(e.training.feedbackGradients);
        assertTrue(e.training.selectAfterSampling);
        assertEquals(Path.of("runs/x"), e.out);
    }

    @Test
    void defaults() {
        TrainCommand t = CommandLines.parse(new TrainCommand(), with());
        assertFalse(t.training.feedbackGradients);
        assertFalse(t.training.selectAfterSampling);
        assertEquals(Duration.ofDays(1), t.data.window);
        assertEquals(0.001f, t.training.learningRate);
        assertEquals(0.96f, t.training.averaging);
        assertEquals(Path.of("runs/model.zip"), t.out);
        // equal terms: no wall-clock budget unless asked for, the iteration cap and early stopping
        assertNull(t.trainSeconds);
        assertEquals(2000, t.training.maxIterations);
        assertEquals(
                50.0,
                CommandLines.parse(new TrainCommand(), with("--train-seconds", "50")).trainSeconds);
    }

    @Test
    void anOptionTheCommandDoesNotTakeIsAnError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CommandLines.parse(new EvaluateCommand(), with("--quick")));
        assertTrue(e.getMessage().contains("--quick"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> CommandLines.parse(new MetaTrainCommand(), "--feedback-gradients"));
        assertTrue(CommandLines.parse(new MetaTrainCommand(), "--quick").meta.quick);
    }

    @Test
    void missingAndMalformedValuesNameTheOption() {
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CommandLines.parse(new TrainCommand(), "--stations", "s.csv"));
        assertTrue(missing.getMessage().contains("--readings"), missing.getMessage());
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CommandLines.parse(new TrainCommand(), with("--window", "soon")));
        assertTrue(bad.getMessage().contains("--window"), bad.getMessage());
        IllegalArgumentException notInt =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CommandLines.parse(new TrainCommand(), with("--hidden", "x")));
        assertTrue(notInt.getMessage().contains("--hidden"), notInt.getMessage());
    }

    @Test
    void everyCommandIsReachableByItsWords() {
        for (var e : ModelCli.COMMANDS.entrySet()) {
            String name = CommandLines.commandLine(e.getValue().get()).getCommandSpec().name();
            assertEquals(e.getKey(), name);
        }
    }
}
