package io.physcast.model.artifact;

import io.physcast.model.autodiff.Param;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Parameters as one little-endian float32 block, in the model's parameter order. */
final class ParamCodec {
    private ParamCodec() {}

    static byte[] encode(List<Param> params) {
        long floats = params.stream().mapToLong(p -> p.value.size()).sum();
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(4 * floats));
        b.order(ByteOrder.LITTLE_ENDIAN);
        for (Param p : params) {
            for (float v : p.value.data) {
                b.putFloat(v);
            }
        }
        return b.array();
    }

    /** Fills the parameters from the block; the caller has checked names and shapes. */
    static void decode(byte[] bytes, List<Param> params) {
        long floats = params.stream().mapToLong(p -> p.value.size()).sum();
        if (bytes.length != 4 * floats) {
            throw new InvalidModelArtifactException(
                    "parameter block has " + bytes.length + " bytes, expected " + 4 * floats);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Param p : params) {
            float[] d = p.value.data;
            for (int i = 0; i < d.length; i++) {
                d[i] = b.getFloat();
                if (!Float.isFinite(d[i])) {
                    throw new InvalidModelArtifactException(
                            "parameter " + p.name + " holds a non-finite value");
                }
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
