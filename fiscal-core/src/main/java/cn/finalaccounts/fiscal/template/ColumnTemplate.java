package cn.finalaccounts.fiscal.template;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A 栏次: its stable id (the printed column number) and its printed label. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnTemplate(String id, String label, String group) {
}
