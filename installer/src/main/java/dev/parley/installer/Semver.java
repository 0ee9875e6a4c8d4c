package dev.parley.installer;

/** Semantic-version order: numeric core (missing parts are 0), a pre-release sorts before its release. */
final class Semver {
    private Semver() {}

    static int compare(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        int core = compareParts(x[0].split("\\."), y[0].split("\\."), true);
        if (core != 0 || x[1] == null && y[1] == null) {
            return core;
        }
        if (x[1] == null || y[1] == null) {
            return x[1] == null ? 1 : -1;
        }
        return compareParts(x[1].split("\\."), y[1].split("\\."), false);
    }

    private static String[] split(String version) {
        String v = version == null ? "0" : version.strip().replaceFirst("^[vV]", "");
        int plus = v.indexOf('+');
        v = plus >= 0 ? v.substring(0, plus) : v; // build metadata does not order
        int dash = v.indexOf('-');
        return dash >= 0 ? new String[] {v.substring(0, dash), v.substring(dash + 1)} : new String[] {v, null};
    }

    private static int compareParts(String[] a, String[] b, boolean core) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (!core && (i >= a.length || i >= b.length)) {
                return i >= a.length ? -1 : 1;
            }
            String p = i < a.length ? a[i] : "0";
            String q = i < b.length ? b[i] : "0";
            boolean pNumber = p.matches("[0-9]+");
            boolean qNumber = q.matches("[0-9]+");
            int order = pNumber && qNumber ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q))
                    : pNumber != qNumber ? (pNumber ? -1 : 1) : p.compareTo(q);
            if (order != 0) {
                return Integer.signum(order);
            }
        }
        return 0;
    }
}
