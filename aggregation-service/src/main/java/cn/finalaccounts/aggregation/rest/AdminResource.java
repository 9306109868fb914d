package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.aggregation.service.ConsistencyCheck;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    ConsistencyCheck consistency;

    @Inject
    Access access;

    @GET
    @Path("/consistency")
    public ConsistencyCheck.Result consistency() {
        access.require(Permission.OPERATE);
        return consistency.run();
    }
}
