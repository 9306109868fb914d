package cn.finalaccounts.accounts.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.fiscal.template.ColumnTemplate;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.template.YearTemplate;
import cn.finalaccounts.support.outbox.OutboxRelay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The headroom between the largest report event the 2023 template allows and what the relay and the topics accept
 * (docs/reliability.md quotes the figures this prints): every cell of every table filled with the longest amount
 * the API accepts, a 64-character unit code.
 */
class LargestReportEventTest {
    private static final BigDecimal LONGEST_AMOUNT = new BigDecimal("-999999999999999.99");

    @Test
    void theLargestReportEventFitsTheRelaysLimitBeforeCompression() throws IOException {
        FiscalYear year = FiscalYears.current().year(2023).orElseThrow();
        YearTemplate template = year.template();
        String unit = "U".repeat(64);
        List<ReportTable> tables = new ArrayList<>();
        int cells = 0;
        for (TableTemplate t : template.tables()) {
            java.util.Map<String, ReportCell> filled = new java.util.LinkedHashMap<>();
            for (RowTemplate row : t.printedRows()) {
                for (ColumnTemplate col : t.columns()) {
                    if (row.allows(col.id())) {
                        filled.put(row.id() + "|" + col.id(), new ReportCell(row.id(), col.id(), LONGEST_AMOUNT));
                    }
                }
            }
            // Every 科目 of the levels the table takes, in every column it takes them into.
            t.subjectRows().ifPresent(rows -> year.catalogue(rows.classification()).subjects().stream()
                    .filter(subject -> rows.levels().contains(subject.level()))
                    .forEach(subject -> rows.columns().forEach(col ->
                            filled.put(subject.code() + "|" + col, new ReportCell(subject.code(), col, LONGEST_AMOUNT)))));
            cells += filled.size();
            tables.add(new ReportTable(t.id(), List.copyOf(filled.values())));
        }
        ReportBody report = SubtotalDeriver.complete(new ReportBody(unit, 2023, AmountUnit.WAN_YUAN, tables), year);
        byte[] event = EventCodec.encode(UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged(unit, 2023, 999_999, "approved", 999_999, report, "2026-12-31T23:59:59.999Z"))
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(compressed)) {
            lz4.write(event);
        }
        System.out.printf("largest 2023 report event: %,d cells, %,d bytes, %,d bytes with lz4; limit %,d bytes%n",
                cells, event.length, compressed.size(), OutboxRelay.MAX_EVENT_BYTES);

        assertTrue(event.length < OutboxRelay.MAX_EVENT_BYTES / 2, "less than half the limit: " + event.length);
    }
}
