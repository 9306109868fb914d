package cn.finalaccounts.performance.rest;

import cn.finalaccounts.performance.persistence.OrgNode;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
public class KnownUnitResource {
    @Inject
    Access access;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrgNodeView(String code, String name, String kind, String unitType, String parent, long revision,
            boolean removed) {
    }

    @GET
    @Path("/{code}")
    public OrgNodeView get(@PathParam("code") String code) {
        access.require(Permission.READ, code);
        OrgNode n = OrgNode.findById(code);
        if (n == null) {
            throw new NotFoundProblem("performance-service does not know a node '" + code + "' (yet)");
        }
        return new OrgNodeView(n.code, n.name, n.kind, n.unitType, n.parentCode, n.revision, n.removed);
    }
}
