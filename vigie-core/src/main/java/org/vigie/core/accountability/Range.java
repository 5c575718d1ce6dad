package org.vigie.core.accountability;

/** An amount known between two bounds (the seed's costs are ranges: installation €20,000–25,000). */
public record Range(double low, double high) {
    public static final Range ZERO = new Range(0, 0);

    public Range {
        boolean unknown = Double.isNaN(low) && Double.isNaN(high);
        if (!unknown && !(low <= high)) {
            throw new IllegalArgumentException("a range needs low <= high, got " + low + ".." + high);
        }
    }

    public static Range of(double value) {
        return new Range(value, value);
    }

    public Range plus(Range o) {
        return new Range(low + o.low, high + o.high);
    }

    public Range times(double factor) {
        return factor >= 0 ? new Range(low * factor, high * factor) : new Range(high * factor, low * factor);
    }

    /** NaN bounds when dividing by zero: a cost per nothing is not a number. */
    public Range per(double count) {
        return count == 0 ? new Range(Double.NaN, Double.NaN) : times(1 / count);
    }

    public boolean known() {
        return !Double.isNaN(low);
    }

    public double middle() {
        return (low + high) / 2;
    }
}
