package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.template.ColumnTemplate;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.SubjectRows;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.format.Spreadsheet;
import jakarta.ws.rs.core.Response;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {
    @Inject
    Access access;

    @Inject
    ReportWorkbooks workbooks;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TableView(String table, String code, String name, String nameEn, List<ColumnTemplate> columns,
            List<RowTemplate> rows, SubjectRowsView subjectRows) {
    }

    /** Which 科目 codes the table takes as rows besides its fixed rows. */
    public record SubjectRowsView(String classification, List<String> levels, List<String> columns) {
        static SubjectRowsView of(SubjectRows s) {
            return new SubjectRowsView(s.classification().id(),
                    s.levels().stream().sorted().map(l -> l.label()).toList(), s.columns());
        }
    }

    public record YearView(int year, String amountUnit, List<TableView> tables) {
    }

    @GET
    @Path("/{year}")
    public YearView get(@PathParam("year") int year) {
        access.require(Permission.READ_REFERENCE);
        var fiscalYear = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no template for " + year + "; templates exist for " + FiscalYears.current().available()));
        return new YearView(year, "万元", fiscalYear.template().tables().stream().map(TemplateResource::view).toList());
    }

    /** The blank form of the year (空白表样) as a workbook (.xlsx), for a unit to fill and PUT back. */
    @GET
    @Path("/{year}")
    @Produces(Spreadsheet.XLSX_BELOW_JSON)
    public Response blankWorkbook(@PathParam("year") int year) {
        access.require(Permission.READ_REFERENCE);
        var fiscalYear = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no template for " + year + "; templates exist for " + FiscalYears.current().available()));
        return Spreadsheet.attachment(workbooks.blank(fiscalYear.template()), year + "-决算-空白表样.xlsx").build();
    }

    /** The blank form as a typed operation of its own, for a client generated from the contract. */
    @GET
    @Path("/{year}/workbook")
    // Generated clients (okhttp-gson) send only the JSON type of the operation's error answers when one is declared:
    // the operation answers its workbook whatever Accept says (the Response names its type).
    @Produces({Spreadsheet.XLSX, "application/problem+json"})
    public Response typedBlankWorkbook(@PathParam("year") int year) {
        return blankWorkbook(year);
    }

    private static TableView view(TableTemplate t) {
        return new TableView(t.id(), t.code(), t.name(), t.nameEn(), t.columns(), t.printedRows(),
                t.subjectRows().map(SubjectRowsView::of).orElse(null));
    }
}
