package org.consortiumhub.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's {@code name=value} arguments; every benchmark needs the hub's admin password. */
final class BenchOptions {

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    /** Reads the arguments, or prints the usage line and exits when the admin password is missing or an argument is malformed. */
    static BenchOptions parse(String[] args, String usage) {
        Map<String, String> values = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                System.err.println("'" + a + "' is not name=value; usage: " + usage);
                System.exit(2);
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
        if (!values.containsKey("password")) {
            System.err.println("usage: " + usage);
            System.exit(2);
        }
        return new BenchOptions(values);
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int get(String name, int fallback) {
        return Integer.parseInt(values.getOrDefault(name, String.valueOf(fallback)));
    }
}
