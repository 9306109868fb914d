package cn.finalaccounts.accounts;

import static io.restassured.RestAssured.given;

import cn.finalaccounts.testsupport.Person;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A request sent by a person: {@code as(Person.filler("W1-U")).body(…).put(…)}. Tokens are signed once per person. */
public final class As {
    private static final Map<Person, String> TOKENS = new ConcurrentHashMap<>();

    private As() {
    }

    public static RequestSpecification as(Person person) {
        return given().auth().oauth2(token(person));
    }

    /** The person's token, valid for an hour: longer than any test run. */
    public static String token(Person person) {
        return TOKENS.computeIfAbsent(person, Person::token);
    }
}
