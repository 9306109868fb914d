package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.service.CountedVersions;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/admin/counted-versions}: the version of each unit's report each view of the 汇总 counts, with
 * its completed report, as this service's own records hold them, a page of units at a time. aggregation-service's
 * consistency check against the sources recounts every 汇总 from these, so a record that reached the topic without
 * coming from here (or one that never arrived) shows.
 */
@Path("/api/v1/admin/counted-versions")
@Produces(MediaType.APPLICATION_JSON)
public class CountedVersionResource {
    static final int MAX_LIMIT = 1000;

    @Inject
    Access access;

    @Inject
    CountedVersions counted;

    /** One counted version: the unit-year, the view counting it, its number and its completed report (as stored). */
    public record CountedVersionView(String unit, int year, String view, int version, @JsonRawValue String report) {
    }

    /** {@code next} is the {@code after} of the following page, or null on the last. */
    public record CountedVersionPage(List<CountedVersionView> versions, String next) {
    }

    @GET
    @Transactional
    public CountedVersionPage page(@QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        access.require(Permission.OPERATE);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "between 1 and " + MAX_LIMIT + " units");
        }
        List<CountedVersions.Counted> page = counted.after(after == null || after.isEmpty() ? null : after, limit);
        List<CountedVersionView> versions = new ArrayList<>();
        for (CountedVersions.Counted c : page) {
            if (c.approved() != null) {
                versions.add(view(c, CountedView.APPROVED, c.approved()));
            }
            versions.add(view(c, CountedView.SUBMITTED, c.submitted()));
        }
        long units = page.stream().map(CountedVersions.Counted::unit).distinct().count();
        return new CountedVersionPage(versions, units == limit ? page.get(page.size() - 1).unit() : null);
    }

    private static CountedVersionView view(CountedVersions.Counted c, CountedView view, int version) {
        ReportVersion v = ReportVersion.of(c.unit(), c.year(), version).orElseThrow();
        return new CountedVersionView(c.unit(), c.year(), view.id(), version, v.body);
    }
}
