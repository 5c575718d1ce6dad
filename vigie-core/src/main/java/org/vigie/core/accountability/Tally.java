package org.vigie.core.accountability;

/**
 * Alerts counted: raised, confirmed, dismissed (the rest are undecided). Precision is confirmed out of decided,
 * so undecided alerts never count against a detector before an operator has looked at them.
 */
public record Tally(long alerts, long confirmed, long dismissed) {
    public static final Tally NONE = new Tally(0, 0, 0);

    public Tally {
        if (confirmed < 0 || dismissed < 0 || confirmed + dismissed > alerts) {
            throw new IllegalArgumentException("a tally needs confirmed + dismissed <= alerts, got " + confirmed + " + "
                    + dismissed + " of " + alerts);
        }
    }

    public static Tally of(Alert a) {
        return new Tally(1, a.confirmed() ? 1 : 0, a.dismissed() ? 1 : 0);
    }

    public Tally plus(Tally o) {
        return new Tally(alerts + o.alerts, confirmed + o.confirmed, dismissed + o.dismissed);
    }

    public long decided() {
        return confirmed + dismissed;
    }

    public long undecided() {
        return alerts - decided();
    }

    /** Confirmed out of decided. */
    public Rate precision() {
        return Rate.of(confirmed, decided());
    }

    /** Confirmed out of all alerts raised. */
    public Rate confirmedShare() {
        return Rate.of(confirmed, alerts);
    }
}
