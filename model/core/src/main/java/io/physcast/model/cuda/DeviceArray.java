package io.physcast.model.cuda;

/**
 * Device memory of {@code size} elements of 4 bytes (floats or ints) or 8 (doubles), at {@code
 * address}. An owned array goes back to the pool with {@link DeviceContext#free}; a view (a slice
 * of another) is never freed itself.
 */
public final class DeviceArray {
    public final long address;
    public final long size;
    final boolean owned;

    DeviceArray(long address, long size, boolean owned) {
        this.address = address;
        this.size = size;
        this.owned = owned;
    }

    /** Floats {@code [from, from + count)} of this array, as a view. */
    public DeviceArray slice(long from, long count) {
        if (from < 0 || from + count > size) {
            throw new IndexOutOfBoundsException(from + "+" + count + " of " + size);
        }
        return new DeviceArray(address + 4 * from, count, false);
    }
}
