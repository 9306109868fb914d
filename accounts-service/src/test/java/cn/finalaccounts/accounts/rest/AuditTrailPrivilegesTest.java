package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.testsupport.AppendOnlyTrail;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The user this service runs with can append to its audit trail and read it, and nothing more: UPDATE, DELETE,
 * TRUNCATE, DROP or CREATE TRIGGER, ALTER and DROP TABLE on audit_entry are refused by the database's privileges
 * (the migrations run as another user, which owns the schema; docs/database.md).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class AuditTrailPrivilegesTest {
    @Test
    void theServiceUserCanOnlyAppendToTheTrailAndReadIt() throws SQLException {
        AppendOnlyTrail.assertTheServiceUserCannotRewriteIt();
    }
}
