package cn.finalaccounts.e2e;

import cn.finalaccounts.client.gson.accounts.ApiClient;
import cn.finalaccounts.client.gson.accounts.ApiException;
import cn.finalaccounts.client.gson.accounts.api.OrganisationTreeApi;
import cn.finalaccounts.client.gson.accounts.api.TemplatesApi;
import cn.finalaccounts.client.gson.accounts.api.UnitReportsApi;
import cn.finalaccounts.client.gson.accounts.model.DecisionRequest;
import cn.finalaccounts.client.gson.accounts.model.NodeInput;
import cn.finalaccounts.client.gson.accounts.model.Report;
import cn.finalaccounts.client.gson.accounts.model.ReportFigures;
import cn.finalaccounts.client.gson.accounts.model.SubmitRequest;
import cn.finalaccounts.client.gson.aggregation.api.SummariesApi;
import cn.finalaccounts.client.gson.aggregation.model.CellLineage;
import cn.finalaccounts.client.gson.aggregation.model.SummaryView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed flow's calls through the clients generated with library okhttp-gson (OkHttp, Gson), authenticated with
 * the token setter the generator gives the bearer scheme ({@code setBearerToken}), as generated.
 */
final class GsonSeedClient implements SeedClient {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private final String accounts;
    private final String aggregation;

    GsonSeedClient(String accountsUrl, String aggregationUrl) {
        this.accounts = accountsUrl;
        this.aggregation = aggregationUrl;
    }

    @Override
    public String library() {
        return "okhttp-gson";
    }

    @Override
    public String saveNode(Identity who, String code, JsonNode node) throws Exception {
        return new OrganisationTreeApi(accounts(who)).saveNode(code, gson(node, NodeInput.class)).getCode();
    }

    @Override
    public Working saveReport(Identity who, String unit, JsonNode figures) throws Exception {
        return working(new UnitReportsApi(accounts(who)).saveReport(unit, 2023,
                gson(figures, ReportFigures.class)));
    }

    @Override
    public Working getReport(Identity who, String unit) throws Exception {
        return working(new UnitReportsApi(accounts(who)).getReport(unit, 2023, null));
    }

    @Override
    public Working getReportFindings(Identity who, String unit) throws Exception {
        return working(new UnitReportsApi(accounts(who)).getReportFindings(unit, 2023));
    }

    @Override
    public Path getReportWorkbook(Identity who, String unit) throws Exception {
        return new UnitReportsApi(accounts(who)).getReportWorkbook(unit, 2023).toPath();
    }

    @Override
    public boolean uploadsBinaryBodies() {
        return true;
    }

    @Override
    public Working saveReportWorkbook(Identity who, String unit, Path workbook) throws Exception {
        return working(new UnitReportsApi(accounts(who)).saveReportWorkbook(unit, 2023, workbook.toFile()));
    }

    @Override
    public Path getTemplateWorkbook(Identity who) throws Exception {
        return new TemplatesApi(accounts(who)).getTemplateWorkbook(2023).toPath();
    }

    @Override
    public Working submitReport(Identity who, String unit, JsonNode request) throws Exception {
        return working(new UnitReportsApi(accounts(who)).submitReport(unit, 2023,
                gson(request, SubmitRequest.class)));
    }

    @Override
    public Working approveReport(Identity who, String unit, JsonNode request) throws Exception {
        return working(new UnitReportsApi(accounts(who)).approveReport(unit, 2023,
                gson(request, DecisionRequest.class)));
    }

    @Override
    public Refusal approveRefused(Identity who, String unit, JsonNode request) throws Exception {
        try {
            approveReport(who, unit, request);
        } catch (ApiException e) {
            return new Refusal(e.getCode(), JACKSON.readTree(e.getResponseBody()).path("type").asText());
        }
        throw new AssertionError("approveReport by " + who + " was not refused");
    }

    @Override
    public Summary getSummary(Identity who, String node) throws Exception {
        SummaryView s = new SummariesApi(aggregation(who)).getSummary(node, 2023, null, null, null, null);
        Map<String, BigDecimal> cells = new LinkedHashMap<>();
        s.getTables().forEach(t -> t.getCells().forEach(c ->
                cells.put(t.getTable() + "/" + c.getRow() + "/" + c.getCol(), new BigDecimal(c.getAmount()))));
        return new Summary(s.getAmountUnit(), s.getFreshness() == null ? 0 : s.getFreshness().getUnitsIn(), cells);
    }

    @Override
    public Path getSummaryWorkbook(Identity who, String node) throws Exception {
        return new SummariesApi(aggregation(who)).getSummaryWorkbook(node, 2023, null, null).toPath();
    }

    @Override
    public Lineage getCellLineage(Identity who, String node, String table, String row, String col) throws Exception {
        CellLineage l = new SummariesApi(aggregation(who)).getCellLineage(node, 2023, table, row, col, "approved");
        return new Lineage(new BigDecimal(l.getAmount()), l.getUnits().stream().map(u -> u.getUnit()).toList(),
                l.getUnits().stream().map(u -> u.getVersion()).toList(),
                l.getUnits().stream().map(u -> u.getState()).toList(),
                l.getUnits().stream().map(u -> new BigDecimal(u.getAmount())).toList());
    }

    private static Working working(Report r) {
        Map<String, BigDecimal> cells = new LinkedHashMap<>();
        if (r.getTables() != null) {
            r.getTables().forEach(t -> t.getCells().forEach(c ->
                    cells.put(t.getTable() + "/" + c.getRow() + "/" + c.getCol(), new BigDecimal(c.getAmount()))));
        }
        return new Working(r.getState(), r.getRevision(), r.getVersion(), cells,
                r.getFindingCounts().getErrors(), r.getFindingCounts().getWarnings(),
                r.getFindings().stream().map(f -> new FindingFacts(f.getRule(), f.getCell().getTable(),
                        decimal(f.getPrinted()), decimal(f.getExpected()), decimal(f.getDifference()))).toList());
    }

    /** The demo's JSON as the library's model, read by the library's own Gson (which refuses unknown fields). */
    private static <T> T gson(JsonNode node, Class<T> type) {
        return cn.finalaccounts.client.gson.accounts.JSON.getGson().fromJson(node.toString(), type);
    }

    private static BigDecimal decimal(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }

    /** Each answer held to the contract on its way in (OkHttpCheck); the person's token through setBearerToken. */
    private ApiClient accounts(Identity who) {
        ApiClient c = new ApiClient();
        c.setBasePath(accounts);
        c.setHttpClient(c.getHttpClient().newBuilder().addInterceptor(new OkHttpCheck()).build());
        c.setBearerToken(who::token);
        return c;
    }

    private cn.finalaccounts.client.gson.aggregation.ApiClient aggregation(Identity who) {
        cn.finalaccounts.client.gson.aggregation.ApiClient c = new cn.finalaccounts.client.gson.aggregation.ApiClient();
        c.setBasePath(aggregation);
        c.setHttpClient(c.getHttpClient().newBuilder().addInterceptor(new OkHttpCheck()).build());
        c.setBearerToken(who::token);
        return c;
    }
}
