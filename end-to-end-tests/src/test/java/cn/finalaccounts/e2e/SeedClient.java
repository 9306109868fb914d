package cn.finalaccounts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The typed calls of one generated client library that the seed flow makes (GeneratedClientTest), each answer
 * reduced to the facts the flow asserts, so that one flow drives every library. Every call goes through the
 * generated API classes only; bodies are built from the demo's JSON files by the library's own JSON mapper.
 */
interface SeedClient {
    /** "native", "okhttp-gson". */
    String library();

    /** saveNode: the code the answer names. */
    String saveNode(Identity who, String code, JsonNode node) throws Exception;

    Working saveReport(Identity who, String unit, JsonNode figures) throws Exception;

    Working getReport(Identity who, String unit) throws Exception;

    Working getReportFindings(Identity who, String unit) throws Exception;

    /** getReportWorkbook: the downloaded .xlsx. */
    Path getReportWorkbook(Identity who, String unit) throws Exception;

    /**
     * Whether the library sends a binary body as it is. openapi-generator 7.25's native library does not: it writes
     * a {@code File} body as JSON (its path in quotes), so its saveReportWorkbook cannot upload a workbook.
     */
    boolean uploadsBinaryBodies();

    Working saveReportWorkbook(Identity who, String unit, Path workbook) throws Exception;

    Path getTemplateWorkbook(Identity who) throws Exception;

    Working submitReport(Identity who, String unit, JsonNode request) throws Exception;

    Working approveReport(Identity who, String unit, JsonNode request) throws Exception;

    /** approveReport when it is refused: the status and the problem+json's type. */
    Refusal approveRefused(Identity who, String unit, JsonNode request) throws Exception;

    Summary getSummary(Identity who, String node) throws Exception;

    Path getSummaryWorkbook(Identity who, String node) throws Exception;

    Lineage getCellLineage(Identity who, String node, String table, String row, String col) throws Exception;

    /** A report as the flow sees it: "table/row/col" → amount for every cell. */
    record Working(String state, long revision, int version, Map<String, BigDecimal> cells, long errors,
            long warnings, List<FindingFacts> findings) {
    }

    record FindingFacts(String rule, String table, BigDecimal printed, BigDecimal expected, BigDecimal difference) {
    }

    record Refusal(int status, String problemType) {
    }

    /** "table/row/col" → amount. */
    record Summary(String amountUnit, int unitsIn, Map<String, BigDecimal> cells) {
    }

    record Lineage(BigDecimal amount, List<String> units, List<Long> versions, List<String> states,
            List<BigDecimal> amounts) {
    }
}
