package cn.finalaccounts.performance.rest;

import cn.finalaccounts.performance.persistence.Project;
import cn.finalaccounts.performance.service.ProjectEvaluation;
import cn.finalaccounts.performance.service.ProjectInput;
import cn.finalaccounts.performance.service.ProjectOverview;
import cn.finalaccounts.performance.service.ProjectService;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.support.problem.DeadlockRetry;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

@Path("/api/v1/units/{code}/projects/{year}")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {
    @Inject
    ProjectService projects;

    @Inject
    ProjectEvaluation evaluation;

    @Inject
    ProjectOverview overview;

    @Inject
    Access access;

    @GET
    @Transactional
    public ProjectOverview.Overview list(@PathParam("code") String code, @PathParam("year") int year,
            @QueryParam("asOf") String asOf) {
        access.require(Permission.READ, code);
        return overview.of(code, FiscalYearPath.require(year), date(asOf));
    }

    @GET
    @Path("/{projectCode}")
    @Transactional
    public ProjectEvaluation.Evaluated get(@PathParam("code") String code, @PathParam("year") int year,
            @PathParam("projectCode") String projectCode, @QueryParam("asOf") String asOf) {
        access.require(Permission.READ, code);
        Project p = Project.of(code, year, projectCode).orElseThrow(() -> new NotFoundProblem(
                "unit '" + code + "' has no project '" + projectCode + "' in " + year));
        return evaluation.evaluate(p, date(asOf));
    }

    @PUT
    @Path("/{projectCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("code") String code, @PathParam("year") int year,
            @PathParam("projectCode") String projectCode, ProjectInput input) {
        Caller caller = access.require(Permission.WRITE_PROJECTS, code);
        // Concurrent first PUTs of one project: the losers of the insert race run again and find it (DeadlockRetry).
        return DeadlockRetry.inTransaction(() -> {
            ProjectService.Outcome o = projects.upsert(caller, code, year, projectCode, input);
            return Response.status(o.created() ? 201 : 200).entity(evaluation.evaluate(o.project(), null)).build();
        });
    }

    @POST
    @Path("/{projectCode}/spending")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response spend(@PathParam("code") String code, @PathParam("year") int year,
            @PathParam("projectCode") String projectCode, ProjectInput.SpendingInput input) {
        Caller caller = access.require(Permission.WRITE_PROJECTS, code);
        return DeadlockRetry.inTransaction(() -> Response.status(201)
                .entity(evaluation.evaluate(projects.addSpending(caller, code, year, projectCode, input), null)).build());
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("asOf", "'" + text + "' is not a date such as 2023-06-30");
        }
    }
}
