package org.vigie.core.model;

/** The {@code <category>} values of CAP 1.2 (OASIS, section 3.2.2). */
public enum CapCategory {
    GEO("Geo"), MET("Met"), SAFETY("Safety"), SECURITY("Security"), RESCUE("Rescue"), FIRE("Fire"),
    HEALTH("Health"), ENV("Env"), TRANSPORT("Transport"), INFRA("Infra"), CBRNE("CBRNE"), OTHER("Other");

    private final String capName;

    CapCategory(String capName) {
        this.capName = capName;
    }

    /** The exact spelling CAP 1.2 uses. */
    public String capName() {
        return capName;
    }
}
