package cn.finalaccounts.performance.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A project as a unit sends it: {@code {"name": "社保经办机构工作经费", "fundingSource": "本年财政拨款",
 * "initialBudget": "105.00", "fullYearBudget": "105.00", "goal": "…", "indicators": [...]}}; amounts in 万元 as
 * strings.
 */
public record ProjectInput(String name, String fundingSource, JsonNode initialBudget, JsonNode fullYearBudget,
        String goal, List<IndicatorInput> indicators) {

    /**
     * {@code {"level1": "产出指标", "level2": "数量指标", "level3": "…", "kind": "定量"|"定性", "direction": "正向"|"反向",
     * "target": "200", "actual": "190", "achievement": "完全达成"|"基本达成"|"部分达成"|"未达成", "weight": "20",
     * "applicable": true}}
     */
    public record IndicatorInput(String level1, String level2, String level3, String kind, String direction,
            JsonNode target, JsonNode actual, String achievement, JsonNode weight, Boolean applicable) {
    }

    /** {@code {"date": "2023-06-30", "amount": "52.80", "memo": "…"}} */
    public record SpendingInput(String date, JsonNode amount, String memo) {
    }
}
