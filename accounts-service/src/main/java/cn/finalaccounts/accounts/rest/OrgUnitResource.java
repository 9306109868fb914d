package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.service.NodeInput;
import cn.finalaccounts.accounts.service.OrgTreeService;
import cn.finalaccounts.support.problem.DeadlockRetry;
import cn.finalaccounts.support.problem.NotFoundProblem;
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

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update a node of the organisation tree",
            description = "Idempotent: sending the same node again changes nothing and publishes nothing. A node may"
                    + " move to another parent as long as the tree stays a tree.")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "region", value = "{\"name\": \"怀化市\", \"kind\": \"region\"}"),
            @ExampleObject(name = "department", value = "{\"name\": \"怀化市人力资源和社会保障局\", \"kind\": \"department\", \"parent\": \"431200\"}"),
            @ExampleObject(name = "unit", value = "{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"HH-RSJ\", \"unitType\": \"参公\"}")}))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Updated, or unchanged")
    @APIResponse(responseCode = "422", description = "Invalid field: unknown parent, a cycle, a wrong kind (problem+json)")
    public Response put(@PathParam("code") String code, NodeInput input) {
        OrgTreeService.Outcome outcome = DeadlockRetry.inTransaction(() -> tree.upsert(code, input));
        return Response.status(outcome.created() ? 201 : 200).entity(NodeView.of(outcome.node())).build();
    }

    @DELETE
    @Path("/{code}")
    @Operation(summary = "Remove a node from the tree",
            description = "Its figures leave every 汇总 above it; its reports and their history stay readable."
                    + " Refused (409) while nodes hang under it. Registering the code again brings it back.")
    @APIResponse(responseCode = "200", description = "Removed (or already removed)")
    @APIResponse(responseCode = "409", description = "Nodes still hang under it (problem+json)")
    public NodeView remove(@PathParam("code") String code) {
        return NodeView.of(tree.remove(code));
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One node of the organisation tree")
    public NodeView get(@PathParam("code") String code) {
        OrgNode node = OrgNode.byCode(code);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        return NodeView.of(node);
    }

    @GET
    @Operation(summary = "Every node of the organisation tree, ordered by code")
    public List<NodeView> list() {
        return OrgNode.<OrgNode>listAll(io.quarkus.panache.common.Sort.by("code")).stream().map(NodeView::of).toList();
    }
}
