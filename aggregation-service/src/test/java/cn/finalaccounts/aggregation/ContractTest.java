package cn.finalaccounts.aggregation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.OpenApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The contract (META-INF/openapi.yaml, served at /q/openapi) promises exactly the operations the code serves,
 * with the same path and query parameters: the build under test is scanned and the two lists compared.
 */
@QuarkusTest
@TestProfile(OpenApiContract.ScannedResources.class)
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ContractTest {
    @Test
    void theContractNamesEveryOperationTheCodeServesAndNoOther() {
        String scanned = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        // The scan knows nothing of the contract's operation ids: this is the code's own description.
        assertFalse(scanned.contains("\"operationId\""), "the profile must serve the scanned document");
        assertEquals(OpenApiContract.operations(OpenApiContract.json(scanned)),
                OpenApiContract.operations(OpenApiContract.contract()));
    }
}
