package cn.finalaccounts.accounts.rest;

import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * RFC 7240's {@code Prefer: return=minimal} on a report's writes (save, submit, approve, return). Their answer is the
 * working copy whole, tables included: about 20 KB of figures the client has just sent, which a system that sends
 * thousands of reports reads back and throws away, and the service writes for nothing. With the preference the
 * answer keeps the state, version, revision and findings and leaves the tables out, as the findings
 * view does; {@code Preference-Applied} says so. Any other or no preference answers the representation whole.
 */
final class ReturnPreference {
    static final String HEADER = "Prefer";

    private ReturnPreference() {
    }

    /** Whether {@code Prefer} (the header's value, null when absent) asks for {@code return=minimal}. */
    static boolean minimal(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String nameAndValue = preference.split(";", 2)[0];
            int eq = nameAndValue.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = nameAndValue.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = nameAndValue.substring(eq + 1).strip().replace("\"", "").toLowerCase(Locale.ROOT);
            if (name.equals("return")) {
                // The first return preference decides (RFC 7240 §2: a repeated preference's first value counts).
                return value.equals("minimal");
            }
        }
        return false;
    }

    /** The answer to a report's write: the working copy, whole or without its tables as preferred. */
    static Response answer(int status, ReportViews.Working working, String prefer) {
        if (!minimal(prefer)) {
            return Response.status(status).entity(working).build();
        }
        return Response.status(status).entity(working.withoutTables())
                .header("Preference-Applied", "return=minimal").build();
    }
}
