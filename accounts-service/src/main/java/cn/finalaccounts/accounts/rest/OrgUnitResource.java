package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.OrgNodeVersion;
import cn.finalaccounts.accounts.service.NodeInput;
import cn.finalaccounts.accounts.service.OrgTreeService;
import cn.finalaccounts.accounts.service.Subtree;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
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

    /** {@code ?fromYear=2024}: the unit is out of the tree from 2024 on and still counts in 2023's 汇总. */
    @DELETE
    @Path("/{code}")
    public NodeView remove(@PathParam("code") String code, @QueryParam("fromYear") String fromYear) {
        Integer from = year(fromYear);
        return NodeView.of(DeadlockRetry.inTransaction(() -> tree.remove(code, from, gate.remove(code))));
    }

    /** A query parameter read here, so a year that is not a number is a 422 naming it rather than JAX-RS's 404. */
    private static Integer year(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9]{4}")) {
            throw new InvalidInputException("fromYear", "'" + text + "' is not a year; give four digits, e.g. 2024");
        }
        return Integer.valueOf(text);
    }

    @GET
    @Path("/{code}")
    public NodeView get(@PathParam("code") String code) {
        access.require(Permission.READ, code);
        OrgNode node = OrgNode.byCode(code);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        return NodeView.of(node, OrgNodeVersion.historyOf(code).orElseThrow());
    }

    @GET
    public List<NodeView> list() {
        Caller caller = access.require(Permission.READ, access.caller().orgNode());
        List<OrgNode> all = OrgNode.listAll(Sort.by("code"));
        Set<String> visible = Subtree.of(all, caller.orgNode());
        Map<String, NodeHistory> histories = OrgNodeVersion.histories();
        return all.stream().filter(n -> visible.contains(n.code)).map(n -> NodeView.of(n, histories.get(n.code))).toList();
    }
}
