package io.physcast.model.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * JavaCPP pointers at raw addresses (device memory from {@code cudaMallocAsync}, places inside a
 * pinned host buffer): JavaCPP has no public constructor for one, but a subclass may set the
 * protected address. They own nothing; whoever allocated the memory frees it.
 */
final class Addresses {
    private Addresses() {}

    static FloatPointer floats(long address) {
        return new FloatAt(address);
    }

    static IntPointer ints(long address) {
        return new IntAt(address);
    }

    static DoublePointer doubles(long address) {
        return new DoubleAt(address);
    }

    static BytePointer bytes(long address) {
        return new BytesAt(address);
    }

    static Pointer at(long address) {
        return new At(address);
    }

    private static final class FloatAt extends FloatPointer {
        FloatAt(long a) {
            address = a;
            limit = capacity = Integer.MAX_VALUE;
        }
    }

    private static final class IntAt extends IntPointer {
        IntAt(long a) {
            address = a;
            limit = capacity = Integer.MAX_VALUE;
        }
    }

    private static final class DoubleAt extends DoublePointer {
        DoubleAt(long a) {
            address = a;
            limit = capacity = Integer.MAX_VALUE;
        }
    }

    private static final class BytesAt extends BytePointer {
        BytesAt(long a) {
            address = a;
            limit = capacity = Integer.MAX_VALUE;
        }
    }

    private static final class At extends Pointer {
        At(long a) {
            address = a;
        }
    }
}
