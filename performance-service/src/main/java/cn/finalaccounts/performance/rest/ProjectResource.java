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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units/{code}/projects/{year}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Project funds", description = "项目: budgets, spending through the year, 执行率, 序时进度 and 绩效自评")
public class ProjectResource {
    private static final String SEED_PROJECT = """
            {"name": "社保经办机构工作经费", "fundingSource": "本年财政拨款", "initialBudget": "105.00",
             "fullYearBudget": "105.00", "goal": "建立健全养老保险改革、退休人员调待、档案管理长效机制，保证社保机构正常运转。",
             "indicators": [{"level1": "产出指标", "level2": "质量指标", "level3": "待遇按时足额发放率", "kind": "定量",
               "direction": "正向", "target": "100", "actual": "100", "weight": "50"}]}""";

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
    @Operation(summary = "Every project of the unit and year: 执行率 (against 全年预算数, with the rate against 年初预算数"
            + " beside it), 序时进度, score and grade; totals; and the reconciliation with the 决算's 项目支出",
            description = "Permission READ on the unit (any role whose org node is the unit or above it).")
    public ProjectOverview.Overview list(@PathParam("code") String code, @PathParam("year") int year,
            @Parameter(description = "judge the 序时进度 as of this day (default: today, or the year's end for a past year)")
            @QueryParam("asOf") String asOf) {
        access.require(Permission.READ, code);
        return overview.of(code, FiscalYearPath.require(year), date(asOf));
    }

    @GET
    @Path("/{projectCode}")
    @Transactional
    @Operation(summary = "One project with its spending records, indicators and 自评",
            description = "Permission READ on the unit.")
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
    @Operation(summary = "Register or change a project: name, funding source, budgets (万元, strings), 年度目标, indicators",
            description = "Permission WRITE_PROJECTS on the unit (a filler of the unit or above it); a change is on"
                    + " the audit trail as project.put with the revision before and after and a digest.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "seed project", value = SEED_PROJECT)))
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
    @Operation(summary = "Record spending on the project (a date inside the fiscal year, an amount in 万元)",
            description = "Spending past the budget is accepted and shown as overBudget with an explanation."
                    + " Permission WRITE_PROJECTS on the unit; on the audit trail as spending.add.")
    @RequestBody(content = @Content(examples = @ExampleObject(
            value = "{\"date\": \"2023-12-20\", \"amount\": \"105.61\", \"memo\": \"全年支出\"}")))
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
