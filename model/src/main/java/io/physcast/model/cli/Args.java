package io.physcast.model.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} options after positional words; unknown ones fail. */
final class Args {
    final List<String> positional = new java.util.ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    Args(String[] argv, Set<String> knownFlags) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                if (knownFlags.contains(name)) {
                    flags.add(name);
                } else if (i + 1 < argv.length) {
                    options.put(name, argv[++i]);
                } else {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
            } else {
                positional.add(a);
            }
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String get(String name, String dflt) {
        return options.getOrDefault(name, dflt);
    }

    void rejectUnknown(Set<String> allowed) {
        for (String k : options.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
    }
}
