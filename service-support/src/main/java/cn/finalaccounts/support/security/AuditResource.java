package cn.finalaccounts.support.security;

import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit?resource=…}: the service's audit trail of one resource, for reviewers and admins (the
 * lines of nodes in their scope) and operators (the service-wide lines: rebuilds, snapshots).
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final int MAX_LIMIT = 500;
    static final int MAX_RESOURCE = 255;

    @Inject
    Access access;

    @Inject
    AuditTrail trail;

    public record AuditPage(String resource, List<AuditEntry> entries, Long next) {
    }

    @GET
    public AuditPage find(
            @QueryParam("resource") String resource,
            @QueryParam("after") @DefaultValue("0")
            long after,
            @QueryParam("limit")
            @DefaultValue("100") int limit) {
        Caller caller = access.caller();
        if (resource == null || resource.isBlank()) {
            throw new InvalidInputException("resource", "required: the path of a resource under /api/v1");
        }
        if (resource.length() > MAX_RESOURCE) {
            throw new InvalidInputException("resource", "at most " + MAX_RESOURCE + " characters");
        }
        String key = resource.startsWith("/") ? resource.substring(1) : resource;
        // One spelling, as the trail writes it: 'units/X ' would find the lines of units/X under the PAD SPACE
        // collation, and a percent-encoded path none.
        Identifier.RESOURCE.require("resource", key);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "between 1 and " + MAX_LIMIT);
        }
        if (!caller.has(Role.REVIEWER) && !caller.has(Role.ADMIN) && !caller.has(Role.OPERATOR)) {
            access.require(Permission.READ_AUDIT, caller.orgNode());
        }
        List<AuditEntry> page = trail.find(key, after, limit);
        Map<String, Boolean> inScope = new HashMap<>();
        List<AuditEntry> visible = page.stream().filter(e -> inScope.computeIfAbsent(String.valueOf(e.scopeNode()),
                n -> e.scopeNode() == null ? access.allows(Permission.OPERATE, null)
                        : access.allows(Permission.READ_AUDIT, e.scopeNode()))).toList();
        Long next = page.size() == limit ? page.get(page.size() - 1).id() : null;
        return new AuditPage(key, visible, next);
    }
}
