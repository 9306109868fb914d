package cn.finalaccounts.accounts;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;

/** The demo data under deploy/demo, which the tests share with platform.sh. */
public final class SeedFixture {
    public static final Path DEMO = Path.of("../deploy/demo");

    private SeedFixture() {
    }

    /** The seed unit's 2023 report, re-addressed to another unit code so tests do not share state. */
    public static String report2023(String unitCode) {
        try {
            return Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"))
                    .replace("\"unit\": \"HH-RSJ-YLGS\"", "\"unit\": \"" + unitCode + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers region → department → unit with the given codes. */
    public static void registerTree(String region, String department, String unit) {
        put(region, "{\"name\": \"怀化市\", \"kind\": \"region\"}");
        put(department, "{\"name\": \"怀化市人力资源和社会保障局\", \"kind\": \"department\", \"parent\": \"" + region + "\"}");
        put(unit, "{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"" + department
                + "\", \"unitType\": \"参公\"}");
    }

    private static void put(String code, String body) {
        given().contentType(ContentType.JSON).body(body).put("/api/v1/units/" + code).then().statusCode(201);
    }
}
