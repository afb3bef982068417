package io.physcast.model.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} options after positional words; unknown ones fail. */
public final class Args {
    public final List<String> positional = new java.util.ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    public Args(String[] argv, Set<String> knownFlags) {
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

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String get(String name, String dflt) {
        return options.getOrDefault(name, dflt);
    }

    public String require(String name) {
        String v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    public int getInt(String name, int dflt) {
        String v = options.get(name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs an integer, got '" + v + "'");
        }
    }

    public double getDouble(String name, double dflt) {
        String v = options.get(name);
        try {
            return v == null ? dflt : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, got '" + v + "'");
        }
    }

    /** A window length such as {@code 1h}, {@code 30m}, {@code 1d}. */
    public static java.time.Duration duration(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(v);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("bad window '" + v + "' (e.g. 1h, 30m, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
    }

    /** Fails on an option or flag the command does not take. */
    void rejectUnknown(Set<String> allowed) {
        for (String k : options.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        for (String f : flags) {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException("--" + f + " does not apply to this command");
            }
        }
    }
}
