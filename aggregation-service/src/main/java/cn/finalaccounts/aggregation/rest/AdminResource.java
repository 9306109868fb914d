package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.aggregation.service.ConsistencyCheck;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "The consistency check of every kept 汇总; the event loop and rebuilds: /api/v1/admin/consumer, /api/v1/admin/rebuild")
public class AdminResource {
    @Inject
    ConsistencyCheck consistency;

    @Inject
    Access access;

    @GET
    @Path("/consistency")
    @Operation(summary = "Recompute every 汇总 from the units' counted versions and compare it cell for cell",
            description = "consistent is true when every kept cell equals the recomputation; up to 100 differing"
                    + " cells are listed. Permission OPERATE (an admin at a root of the tree): it reads the 汇总 of"
                    + " every node of the service.")
    public ConsistencyCheck.Result consistency() {
        access.require(Permission.OPERATE);
        return consistency.run();
    }
}
