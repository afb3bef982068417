package io.physcast.model.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {
    @Test
    void gatesMatchTheLibraryFunctions() {
        double worst = 0;
        for (double x = -30; x <= 30; x += 0.00113) {
            float f = (float) x;
            worst = Math.max(worst, Math.abs(FastMath.sigmoid(f) - 1 / (1 + Math.exp(-f))));
            worst = Math.max(worst, Math.abs(FastMath.tanh(f) - Math.tanh(f)));
        }
        assertTrue(worst < 5e-7, "worst absolute error " + worst);
    }

    @Test
    void gatesSaturateAndKeepSymmetry() {
        assertEquals(1f, FastMath.sigmoid(1000f));
        assertEquals(0f, FastMath.sigmoid(-1000f));
        assertEquals(-1f, FastMath.tanh(-1000f));
        assertEquals(0f, FastMath.tanh(0f));
        assertEquals(-FastMath.tanh(0.3f), FastMath.tanh(-0.3f));
    }
}
