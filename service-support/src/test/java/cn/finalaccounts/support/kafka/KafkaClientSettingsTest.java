package cn.finalaccounts.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * Every client a service builds starts from the same settings: locally the address alone, in the cluster SCRAM over
 * TLS.
 */
class KafkaClientSettingsTest {
    private static KafkaClientSettings settings(String protocol, String mechanism, String jaas, String type,
            String ca) {
        KafkaClientSettings s = new KafkaClientSettings();
        s.bootstrapServers = "final-accounts-kafka-bootstrap:9093";
        s.securityProtocol = Optional.ofNullable(protocol);
        s.saslMechanism = Optional.ofNullable(mechanism);
        s.saslJaasConfig = Optional.ofNullable(jaas);
        s.truststoreType = Optional.ofNullable(type);
        s.truststoreCertificates = Optional.ofNullable(ca);
        return s;
    }

    @Test
    void locallyOnlyTheBootstrapServersAreSet() {
        assertEquals(Map.of("bootstrap.servers", "final-accounts-kafka-bootstrap:9093"),
                settings(null, null, null, null, null).common());
    }

    @Test
    void inTheClusterTheKafkaUsersCredentialsAndTheClusterCaReachEveryClient() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"aggregation-service\" password=\"s3cret\";";
        Map<String, Object> common = settings("SASL_SSL", "SCRAM-SHA-512", jaas, "PEM",
                "-----BEGIN CERTIFICATE-----").common();

        assertEquals(Map.of("bootstrap.servers", "final-accounts-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", jaas,
                "ssl.truststore.type", "PEM",
                "ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----"), common);
        // The keys are the clients' own: each client type accepts them as they are.
        for (String key : common.keySet()) {
            assertEquals(true, ConsumerConfig.configNames().contains(key), "consumer: " + key);
            assertEquals(true, ProducerConfig.configNames().contains(key), "producer: " + key);
            assertEquals(true, AdminClientConfig.configNames().contains(key), "admin: " + key);
        }
    }
}
