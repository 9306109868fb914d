package cn.finalaccounts.accounts;

import static cn.finalaccounts.accounts.As.as;

import cn.finalaccounts.testsupport.Person;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * Registers region → department → unit with the given codes, as the region's admin who is the platform's
     * operator too (only an operator makes a root); {@code Person.admin(region)} is then the same subject with the
     * admin role alone, whose scope holds the whole tree.
     */
    public static void registerTree(String region, String department, String unit) {
        Person admin = Person.admin(region).withRoles("admin", "operator");
        put(admin, region, "{\"name\": \"怀化市\", \"kind\": \"region\"}");
        put(admin, department, "{\"name\": \"怀化市人力资源和社会保障局\", \"kind\": \"department\", \"parent\": \""
                + region + "\"}");
        put(admin, unit, "{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"" + department
                + "\", \"unitType\": \"参公\"}");
    }

    private static void put(Person admin, String code, String body) {
        as(admin).contentType(ContentType.JSON).body(body).put("/api/v1/units/" + code).then().statusCode(201);
    }
}
