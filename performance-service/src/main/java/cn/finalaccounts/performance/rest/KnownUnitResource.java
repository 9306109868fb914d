package cn.finalaccounts.performance.rest;

import cn.finalaccounts.performance.persistence.KnownNode;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisation tree (followed)", description = "The units this service knows from accounts-service's events")
public class KnownUnitResource {
    @Inject
    Access access;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KnownNodeView(String code, String name, String kind, String unitType, String parent, long revision,
            boolean removed) {
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "A node as this service knows it",
            description = "Projects and fund statistics are accepted only for units known here; a unit registered"
                    + " in accounts-service appears once its event has been consumed. Permission READ on the node;"
                    + " a node not known here is in nobody's scope, so it is answered 403 rather than 404.")
    public KnownNodeView get(@PathParam("code") String code) {
        access.require(Permission.READ, code);
        KnownNode n = KnownNode.findById(code);
        if (n == null) {
            throw new NotFoundProblem("performance-service does not know a node '" + code + "' (yet)");
        }
        return new KnownNodeView(n.code, n.name, n.kind, n.unitType, n.parentCode, n.revision, n.removed);
    }
}
