package io.physcast.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model command line's value-less options do not swallow the word after them. */
class ModelCliArgsTest {
    @Test
    void stationFlagsTakeNoValue() {
        Args args =
                new Args(
                        new String[] {
                            "evaluate",
                            "--feedback-gradients",
                            "--select-after-sampling",
                            "--out",
                            "runs/x"
                        },
                        ModelCli.FLAGS);
        assertEquals(List.of("evaluate"), args.positional);
        assertTrue(StationOptions.feedbackGradients(args));
        assertTrue(StationOptions.selectAfterSampling(args));
        assertEquals("runs/x", args.get("out", null));
        args.rejectUnknown(EvaluateCommand.OPTIONS);
    }

    @Test
    void withoutTheFlagsBothAreOff() {
        Args args = new Args(new String[] {"train", "--out", "m.zip"}, ModelCli.FLAGS);
        assertFalse(StationOptions.feedbackGradients(args));
        assertFalse(StationOptions.selectAfterSampling(args));
    }

    @Test
    void aFlagTheCommandDoesNotTakeIsAnError() {
        Args quick = new Args(new String[] {"evaluate", "--quick"}, ModelCli.FLAGS);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> quick.rejectUnknown(EvaluateCommand.OPTIONS));
        assertTrue(e.getMessage().contains("--quick"), e.getMessage());
        Args feedback =
                new Args(new String[] {"meta-train", "--feedback-gradients"}, ModelCli.FLAGS);
        assertThrows(
                IllegalArgumentException.class,
                () -> feedback.rejectUnknown(MetaTrainCommand.OPTIONS));
        new Args(new String[] {"meta-train", "--quick"}, ModelCli.FLAGS)
                .rejectUnknown(MetaTrainCommand.OPTIONS);
    }
}
