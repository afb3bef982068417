package io.physcast.model.cuda;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Device copies of host objects that do not change (a graph's index arrays, geometry and
 * operators), found by the object's identity and kept while the object lives: a graph is uploaded
 * once, not once per step, and its copies are freed once the garbage collector has taken it.
 */
final class DeviceCache {
    private final DeviceContext context;
    private final Map<Key, DeviceArray[]> entries = new HashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    DeviceCache(DeviceContext context) {
        this.context = context;
    }

    @SuppressWarnings("unchecked")
    <K> DeviceArray[] get(K object, Function<K, DeviceArray[]> upload) {
        purge();
        Key probe = new Key(object, null);
        DeviceArray[] arrays = entries.get(probe);
        if (arrays == null) {
            arrays = upload.apply(object);
            entries.put(new Key(object, collected), arrays);
        }
        return arrays;
    }

    private void purge() {
        for (Reference<?> r; (r = collected.poll()) != null; ) {
            DeviceArray[] arrays = entries.remove((Key) r);
            if (arrays != null) {
                for (DeviceArray a : arrays) {
                    context.free(a);
                }
            }
        }
    }

    /** A weak reference equal to another one to the same object (identity). */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object o, ReferenceQueue<Object> q) {
            super(o, q);
            hash = System.identityHashCode(o);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Key k)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == k.get();
        }
    }
}
