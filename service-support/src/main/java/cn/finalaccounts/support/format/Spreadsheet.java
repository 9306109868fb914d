package cn.finalaccounts.support.format;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** The Excel workbook (.xlsx) as an HTTP representation: its media type and how it is offered for download. */
public final class Spreadsheet {
    /** The media type of an .xlsx workbook (Office Open XML spreadsheet). */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * What a method that answers a workbook declares in {@code @Produces}: the .xlsx type ranked below JSON (qs 0.5),
     * so that a client without preference (no Accept, or {@code *}{@code /*}) keeps getting the JSON of the same path,
     * and only one asking for the workbook (Accept, or {@code ?format=xlsx}) gets it.
     */
    public static final String XLSX_BELOW_JSON = XLSX + ";qs=0.5";

    private Spreadsheet() {
    }

    /**
     * A 200 with the workbook as an attachment named {@code fileName}: {@code filename*=UTF-8''…} percent-encoded
     * (RFC 6266 / 8187) so that 决算 survives, and a plain ASCII {@code filename} for clients that know no better.
     */
    public static Response.ResponseBuilder attachment(byte[] workbook, String fileName) {
        return Response.ok(workbook, XLSX).header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(fileName));
    }

    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]+", "").replaceAll("-+\\.", ".");
        if (ascii.isEmpty() || ascii.equals(".xlsx")) {
            ascii = "workbook.xlsx";
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncoded(fileName);
    }

    /** RFC 8187 attr-char kept, every other byte of the UTF-8 form as %XX. */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
