package cn.finalaccounts.fiscal.narrative;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.math.BigDecimal;
import java.util.List;

/**
 * One figure of the generated 情况说明: the text exactly as printed in the section ("901.39万元", "99.98%"), the
 * exact value behind it (万元 for amounts, percent for rates and shares) and the cells it was computed from, each once.
 */
public record NarrativeFigure(String text, @JsonSerialize(using = ToStringSerializer.class) BigDecimal value,
        List<SourceCell> cells) {

    public NarrativeFigure {
        // A share cites its part and the whole the part belongs to: each cell once.
        cells = cells.stream().distinct().toList();
    }
}
