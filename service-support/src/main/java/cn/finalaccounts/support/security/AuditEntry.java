package cn.finalaccounts.support.security;

import java.time.Instant;

/**
 * One line of the audit trail (审计记录): who did what to which resource, when, from where, and whether it was done
 * or refused. Appended in the same transaction as the write it describes; never changed or deleted.
 *
 * @param subject  the token's subject: the identity
 * @param username the token's preferred username, for people to read
 * @param roles    the caller's platform roles at the time
 * @param callerNode the org node the caller belonged to at the time
 * @param action   what was done ({@code report.submit}, {@code node.remove}, …) or, for a refusal, the permission
 * @param outcome  {@code done} or {@code refused}
 * @param resource the resource's path under /api/v1 ({@code units/HH-RSJ-YLGS/reports/2023})
 * @param scopeNode the org node the resource belongs to; null for service-wide actions
 * @param detail   before → after (revision, state, version) or a digest of the body; the reason of a refusal
 * @param from     the peer address (and X-Forwarded-For)
 */
public record AuditEntry(long id, Instant at, String subject, String username, String roles, String callerNode,
        String action, String outcome, String resource, String scopeNode, String method, String path, String detail,
        String from) {
}
