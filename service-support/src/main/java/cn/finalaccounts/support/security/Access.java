package cn.finalaccounts.support.security;

import cn.finalaccounts.support.problem.ForbiddenProblem;
import cn.finalaccounts.support.problem.RebuildUnderWayProblem;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one gate every API operation passes: {@code access.require(Permission.SAVE_REPORT, unitCode)} returns the
 * verified caller or refuses with 401 (no identity) or 403 (role or scope), recording a refused write in the
 * audit trail. What each role may do is {@link Permission}'s table; where, is {@link OrgScope}'s tree.
 */
@RequestScoped
public class Access {
    /** The token claim naming the org node a person belongs to (a user attribute mapped by the identity provider). */
    public static final String ORG_NODE_CLAIM = "org_node";

    @Inject
    SecurityIdentity identity;

    @Inject
    OrgScope scope;

    @Inject
    AuditTrail audit;

    @Inject
    CurrentVertxRequest request;

    @Inject
    Instance<TreeRebuild> treeRebuild;

    private Caller caller;

    /** The verified caller; 401 when the request carries no valid token. */
    public Caller caller() {
        if (caller == null) {
            if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                throw new UnauthorizedException();
            }
            caller = of(token, identity.getRoles(), from());
        }
        return caller;
    }

    /** For a {@link Permission.Reach#SUBTREE} permission on the given node (a unit, a department, a region). */
    public Caller require(Permission permission, String node) {
        Caller c = caller();
        refuseUnlessRole(c, permission, node);
        if (permission.reach() != Permission.Reach.SUBTREE) {
            return require(permission);
        }
        if (c.orgNode() == null) {
            refuse(c, permission, node, "the token names no org_node, so no node is in this caller's scope");
        }
        if (!scope.covers(c.orgNode(), node)) {
            unlessTreeRebuilding();
            refuse(c, permission, node, node + " is not within " + c.orgNode() + ", the scope of " + c.username());
        }
        return c;
    }

    /**
     * For a {@link Permission.Reach#PLATFORM} permission or an {@link Permission.Reach#ANYWHERE} one: the role
     * suffices. A place in the tree confers no platform permission (a root is only where some admin's reach ends).
     */
    public Caller require(Permission permission) {
        Caller c = caller();
        refuseUnlessRole(c, permission, null);
        return c;
    }

    /** Whether the caller could act on the node: for filtering lists without refusing the whole request. */
    public boolean allows(Permission permission, String node) {
        Caller c = caller();
        return c.roles().stream().anyMatch(permission::allows) && switch (permission.reach()) {
            case SUBTREE -> scope.covers(c.orgNode(), node);
            case PLATFORM, ANYWHERE -> true;
        };
    }

    /**
     * A scope refusal read from a tree that a rebuild is emptying and replaying may be false (a node unknown for a
     * moment is in nobody's scope): the true answer is "come back shortly", and nothing is recorded as refused.
     */
    private void unlessTreeRebuilding() {
        if (treeRebuild.isResolvable()) {
            treeRebuild.get().underWay().ifPresent(run -> {
                throw new RebuildUnderWayProblem(run);
            });
        }
    }

    private void refuseUnlessRole(Caller c, Permission permission, String node) {
        if (c.roles().stream().noneMatch(permission::allows)) {
            refuse(c, permission, node, permission.name() + " needs role " + permission.roles().stream()
                    .map(Role::claim).collect(Collectors.joining(" or ")) + "; " + c.username() + " has "
                    + (c.roles().isEmpty() ? "none of the platform's roles" : c.roleClaims()));
        }
    }

    /**
     * Refuses with 403 for a reason only the service can see, such as a reviewer deciding on their own submission
     * (maker-checker on the token's subject); recorded like every refused write.
     */
    public void refuse(Caller c, Permission permission, String node, String reason) {
        if (permission != Permission.READ) {
            audit.refused(c, permission, node, reason);
        }
        throw new ForbiddenProblem(reason);
    }

    static Caller of(JsonWebToken token, Set<String> roleClaims, String from) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleClaims.forEach(r -> Role.ofClaim(r).ifPresent(roles::add));
        String username = text(token.getClaim("preferred_username"));
        return new Caller(token.getSubject(), username == null ? token.getSubject() : username,
                text(token.getClaim("name")), roles, text(token.getClaim(ORG_NODE_CLAIM)), from);
    }

    /** A string claim, whether the token library hands it over as a String or as a JSON string value. */
    private static String text(Object claim) {
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        return claim == null ? null : claim.toString();
    }

    private String from() {
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            return null;
        }
        HttpServerRequest r = rc.request();
        String peer = r.remoteAddress() == null ? null : r.remoteAddress().hostAddress();
        String forwarded = r.getHeader("X-Forwarded-For");
        String from = forwarded == null ? peer : peer + " (X-Forwarded-For " + forwarded + ")";
        return from == null || from.length() <= AuditTrail.MAX_FROM ? from : from.substring(0, AuditTrail.MAX_FROM);
    }
}
