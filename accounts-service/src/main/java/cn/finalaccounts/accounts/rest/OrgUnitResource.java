package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.service.NodeInput;
import cn.finalaccounts.accounts.service.OrgTreeService;
import cn.finalaccounts.accounts.service.Subtree;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.support.problem.DeadlockRetry;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
public class OrgUnitResource {
    @Inject
    OrgTreeService tree;

    @Inject
    TreeGate gate;

    @Inject
    Access access;

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("code") String code, NodeInput input) {
        // The parent is looked up for the scope check: in one spelling first, so a second one is 422, never 403.
        if (input != null && input.parent() != null) {
            Identifier.NODE_CODE.require("parent", input.parent());
        }
        OrgTreeService.Outcome outcome = DeadlockRetry.inTransaction(() -> tree.upsert(code, input, gate.put(code, input)));
        return Response.status(outcome.created() ? 201 : 200).entity(NodeView.of(outcome.node())).build();
    }

    @DELETE
    @Path("/{code}")
    public NodeView remove(@PathParam("code") String code) {
        return NodeView.of(DeadlockRetry.inTransaction(() -> tree.remove(code, gate.remove(code))));
    }

    @GET
    @Path("/{code}")
    public NodeView get(@PathParam("code") String code) {
        access.require(Permission.READ, code);
        OrgNode node = OrgNode.byCode(code);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        return NodeView.of(node);
    }

    @GET
    public List<NodeView> list() {
        Caller caller = access.require(Permission.READ, access.caller().orgNode());
        List<OrgNode> all = OrgNode.listAll(Sort.by("code"));
        Set<String> visible = Subtree.of(all, caller.orgNode());
        return all.stream().filter(n -> visible.contains(n.code)).map(NodeView::of).toList();
    }
}
