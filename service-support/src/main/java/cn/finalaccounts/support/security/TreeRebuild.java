package cn.finalaccounts.support.security;

import java.util.Optional;

/**
 * Whether the tree {@link OrgScope} reads is being emptied and replayed (a consuming service's rebuild). Meanwhile a
 * node may be unknown for a moment and so in nobody's scope: a scope refusal then is not the truth, and
 * {@link Access} answers 503 {@code rebuild-under-way} instead of 403. Implemented where rebuilds exist
 * (service-support's RebuildCoordinator); a service without one has no bean of this type.
 */
public interface TreeRebuild {
    /** The rebuild under way, described for the caller; empty when none is. */
    Optional<String> underWay();
}
