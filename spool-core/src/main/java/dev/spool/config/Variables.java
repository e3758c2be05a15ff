package dev.spool.config;

import java.util.function.Function;

/** Expands {@code ${sys:name}} and {@code ${env:NAME}} (with {@code :-default}) in configuration values. */
final class Variables {

    private final Function<String, String> sys;
    private final Function<String, String> env;

    Variables(Function<String, String> sys, Function<String, String> env) {
        this.sys = sys;
        this.env = env;
    }

    String substitute(String key, String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("bad value '" + value + "' for key '" + key
                            + "': unclosed ${ (write $${ for a literal ${)");
                }
                out.append(resolve(key, value, value.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(value.charAt(i++));
            }
        }
        return out.toString();
    }

    private String resolve(String key, String value, String expression) {
        String fallback = null;
        int dash = expression.indexOf(":-");
        String ref = expression;
        if (dash >= 0) {
            fallback = expression.substring(dash + 2);
            ref = expression.substring(0, dash);
        }
        String resolved;
        if (ref.startsWith("sys:")) {
            resolved = sys.apply(ref.substring(4));
        } else if (ref.startsWith("env:")) {
            resolved = env.apply(ref.substring(4));
        } else {
            throw new IllegalArgumentException("bad value '" + value + "' for key '" + key + "': unknown variable '${"
                    + expression + "}', expected ${sys:name} or ${env:NAME}, optionally with :-default");
        }
        if (resolved == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("bad value '" + value + "' for key '" + key + "': ${" + expression
                        + "} is not set and has no :-default");
            }
            return fallback;
        }
        return resolved;
    }
}
