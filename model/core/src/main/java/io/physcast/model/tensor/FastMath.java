package io.physcast.model.tensor;

/**
 * Float sigmoid and tanh for the GRU gates. {@code Math.tanh} is a native StrictMath call and
 * {@code Math.exp} a scalar one; the gates evaluate three per hidden unit per edge, which at N =
 * 1,000 cost more than the matrix products. This is the clamped rational approximation Eigen uses
 * for float tanh: only multiply, add, divide and compare, so the JIT can vectorise a loop of them.
 * Absolute error below 5e-7 (FastMathTest).
 */
public final class FastMath {
    private static final float CLAMP = 7.90531110763549805f; // tanh(CLAMP) rounds to 1f
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    private FastMath() {}

    public static float tanh(float x) {
        x = Math.min(Math.max(x, -CLAMP), CLAMP); // branch-free, so a loop of it vectorises
        float x2 = x * x;
        float p = A13;
        p = p * x2 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        float q = B6;
        q = q * x2 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return x * p / q;
    }

    public static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }
}
