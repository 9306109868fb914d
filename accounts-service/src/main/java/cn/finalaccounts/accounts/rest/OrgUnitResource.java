package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.service.NodeInput;
import cn.finalaccounts.accounts.service.OrgTreeService;
import cn.finalaccounts.accounts.service.Subtree;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisation tree", description = "Regions (行政区划), departments (部门) and budget units (预算单位)")
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
    @Operation(summary = "Create or update a node of the organisation tree",
            description = "Needs MANAGE_TREE (admin) on the node and, for a move, on the new parent; for a new node,"
                    + " on its parent. A root (no parent) only an admin whose org_node is its code may register."
                    + " Idempotent: sending the same node again changes nothing and publishes nothing. A node may"
                    + " move to another parent as long as the tree stays a tree.")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "region", value = "{\"name\": \"怀化市\", \"kind\": \"region\"}"),
            @ExampleObject(name = "department", value = "{\"name\": \"怀化市人力资源和社会保障局\", \"kind\": \"department\", \"parent\": \"431200\"}"),
            @ExampleObject(name = "unit", value = "{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"HH-RSJ\", \"unitType\": \"参公\"}")}))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Updated, or unchanged")
    @APIResponse(responseCode = "403", description = "Not an admin of the node, of its new parent (an unknown"
            + " parent is in nobody's scope), or of a new root (problem+json); nothing stored")
    @APIResponse(responseCode = "422", description = "Invalid field: removed parent, a cycle, a wrong kind (problem+json)")
    public Response put(@PathParam("code") String code, NodeInput input) {
        OrgTreeService.Outcome outcome = DeadlockRetry.inTransaction(() -> tree.upsert(code, input, gate.put(code, input)));
        return Response.status(outcome.created() ? 201 : 200).entity(NodeView.of(outcome.node())).build();
    }

    @DELETE
    @Path("/{code}")
    @Operation(summary = "Remove a node from the tree",
            description = "Needs MANAGE_TREE (admin) on the node. Its figures leave every 汇总 above it; its reports"
                    + " and their history stay readable. Refused (409) while nodes hang under it. Registering the code"
                    + " again brings it back.")
    @APIResponse(responseCode = "200", description = "Removed (or already removed)")
    @APIResponse(responseCode = "409", description = "Nodes still hang under it (problem+json)")
    @APIResponse(responseCode = "403", description = "Not an admin of the node, or the node is unknown (problem+json)")
    public NodeView remove(@PathParam("code") String code) {
        Caller caller = access.require(Permission.MANAGE_TREE, code);
        return NodeView.of(tree.remove(code, caller));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One node of the organisation tree", description = "Needs READ on the node (any role, in scope);"
            + " a node the service does not know is in nobody's scope (403).")
    public NodeView get(@PathParam("code") String code) {
        access.require(Permission.READ, code);
        OrgNode node = OrgNode.byCode(code);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        return NodeView.of(node);
    }

    @GET
    @Operation(summary = "The caller's part of the organisation tree, ordered by code",
            description = "Needs READ (any role): the caller's org_node and every node under it, removed ones included.")
    public List<NodeView> list() {
        Caller caller = access.require(Permission.READ, access.caller().orgNode());
        List<OrgNode> all = OrgNode.listAll(Sort.by("code"));
        Set<String> visible = Subtree.of(all, caller.orgNode());
        return all.stream().filter(n -> visible.contains(n.code)).map(NodeView::of).toList();
    }
}
