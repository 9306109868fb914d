package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.year.OwnerYears;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The years the dashboard may switch between ({@code GET /api/v1/years}) and a year's headline figures by name with
 * the cell of that year's template that holds each ({@code GET /api/v1/years/{year}/figures}): the dashboard names
 * figures, never cells (docs/years.md). Reference, open to every role.
 */
@Path("/api/v1/years")
@Produces(MediaType.APPLICATION_JSON)
public class YearFiguresResource {
    @Inject
    Access access;

    @Inject
    OwnerYears years;

    public record OpenYears(List<Integer> years) {
    }

    public record NamedFigureView(String id, String zh, String table, String row, String col) {
    }

    public record YearFigures(int year, List<NamedFigureView> figures) {
    }

    @GET
    public OpenYears years() {
        access.require(Permission.READ_REFERENCE);
        return new OpenYears(List.copyOf(years.openYears()));
    }

    @GET
    @Path("/{year}/figures")
    public YearFigures figures(@PathParam("year") int year) {
        access.require(Permission.READ_REFERENCE);
        FiscalYear fiscalYear = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                year + " is not open; open years: " + FiscalYears.current().available()));
        return new YearFigures(year, fiscalYear.figures().all().stream().map(f -> new NamedFigureView(f.id(), f.zh(),
                f.cell().table(), f.cell().row(), f.cell().col())).toList());
    }
}
