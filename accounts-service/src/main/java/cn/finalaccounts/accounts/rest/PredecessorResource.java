package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.service.Predecessors;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.support.problem.DeadlockRetry;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code /api/v1/units/{code}/predecessors}: the units a unit was merged or split from, with the first year it
 * reports as what the change made (docs/years.md). Read as the unit is; replaced by an admin whose scope holds the
 * unit and every predecessor.
 */
@Path("/api/v1/units/{code}/predecessors")
@Produces(MediaType.APPLICATION_JSON)
public class PredecessorResource {
    @Inject
    Access access;

    @Inject
    Predecessors predecessors;

    public record PredecessorList(String unit, List<Predecessors.Predecessor> predecessors) {
    }

    @GET
    public PredecessorList get(@PathParam("code") String code) {
        access.require(Permission.READ, code);
        return new PredecessorList(code, predecessors.of(code));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public PredecessorList put(@PathParam("code") String code, PredecessorList body) {
        Caller caller = access.require(Permission.MANAGE_TREE, code);
        List<Predecessors.Predecessor> given = body == null ? null : body.predecessors();
        if (given != null) {
            for (Predecessors.Predecessor p : given) {
                // A code that is no node is the body's fault (422), found by the check of the list, not a 403.
                if (p != null && p.unit() != null && Identifier.NODE_CODE.matches(p.unit())
                        && OrgNode.byCode(p.unit()) != null) {
                    access.require(Permission.MANAGE_TREE, p.unit());
                }
            }
        }
        return new PredecessorList(code, DeadlockRetry.inTransaction(() -> predecessors.replace(code, given, caller)));
    }
}
