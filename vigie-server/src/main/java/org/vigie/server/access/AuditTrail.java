package org.vigie.server.access;

/**
 * The tamper-evident record of who looked at what and who decided what: every login, search, opening of evidence,
 * verdict and configuration change is appended here. Appending must not fail silently: an implementation that
 * cannot write throws, and the request fails with it.
 */
public interface AuditTrail {

    /**
     * @param who    the principal acting
     * @param action a short verb from a fixed vocabulary, e.g. {@code login}, {@code search}, {@code evidence.view},
     *               {@code verdict}, {@code config.change}
     * @param target what was acted on, e.g. an incident id or an evidence uri
     * @param detail free text for the auditor (search filters, verdict reason); never evidence content
     */
    void record(Principal who, String action, String target, String detail);
}
