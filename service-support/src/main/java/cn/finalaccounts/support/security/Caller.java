package cn.finalaccounts.support.security;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The person or service account behind a request, as its verified token says: the subject is the identity
 * (maker-checker compares it); the username and name are for people to read; the org node bounds the scope.
 *
 * @param subject  the token's {@code sub}: stable, never reused, what the platform trusts
 * @param username {@code preferred_username} (or the subject when absent)
 * @param name     the display name ({@code name}), may be null
 * @param roles    the platform roles among the token's realm roles
 * @param orgNode  the token's {@code org_node}, null when the claim is missing (then nothing is in scope)
 * @param from     where the request came from: the peer address, and X-Forwarded-For when a proxy set it
 */
public record Caller(String subject, String username, String name, Set<Role> roles, String orgNode, String from) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The roles as the token names them, comma-separated (the audit trail keeps this). */
    public String roleClaims() {
        return roles.stream().map(Role::claim).sorted().collect(Collectors.joining(","));
    }

    /** What a person reads in a history: the username, and the name when the token carries one. */
    public String label() {
        return name == null || name.isBlank() || name.equals(username) ? username : username + " (" + name + ")";
    }
}
