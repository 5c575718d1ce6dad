package org.vigie.core.evidence;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.vigie.core.model.EvidenceRef;

/**
 * Where evidence bytes live: blurred snapshots, clips, short audio segments. Events carry only the
 * {@link EvidenceRef} that {@link #put} returns.
 *
 * <p>Callers hand over bytes that are already safe to keep: persons pixelated in images, audio cut to the
 * impulsive segment. The store never sees raw frames or continuous audio. Reading ({@link #open}) is an act the
 * caller must write to the audit log; the store itself does not know who reads.
 */
public interface EvidenceStore {

    /** Stores the bytes and returns the reference to put in an event. Storing the same bytes twice is harmless. */
    EvidenceRef put(EvidenceRef.Kind kind, String mediaType, byte[] bytes, Instant capturedAt) throws IOException;

    /** The evidence behind a reference's uri, or empty when it does not exist or was purged. */
    Optional<Evidence> open(String uri) throws IOException;

    /** Deletes all evidence captured before the cutoff; returns how many items were deleted. */
    int purgeCapturedBefore(Instant cutoff) throws IOException;

    /** One item of evidence. */
    record Evidence(EvidenceRef ref, String mediaType, Instant capturedAt, byte[] bytes) {}
}
