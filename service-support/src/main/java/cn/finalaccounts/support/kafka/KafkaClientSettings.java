package cn.finalaccounts.support.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the broker is and how to authenticate to it, the same for every Kafka client a service builds (the event
 * loop's consumer, the relay's producer, the admin clients). Locally the broker is plaintext on 127.0.0.1 and only
 * {@code kafka.bootstrap.servers} is set; in the cluster the listeners take SCRAM-SHA-512 over TLS and the settings come
 * from the environment (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG from the Secret of the
 * service's KafkaUser, KAFKA_SSL_TRUSTSTORE_TYPE and KAFKA_SSL_TRUSTSTORE_CERTIFICATES for the cluster CA; see
 * docs/security.md).
 */
@ApplicationScoped
public class KafkaClientSettings {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kafka.security.protocol")
    Optional<String> securityProtocol;

    @ConfigProperty(name = "kafka.sasl.mechanism")
    Optional<String> saslMechanism;

    @ConfigProperty(name = "kafka.sasl.jaas.config")
    Optional<String> saslJaasConfig;

    @ConfigProperty(name = "kafka.ssl.truststore.type")
    Optional<String> truststoreType;

    @ConfigProperty(name = "kafka.ssl.truststore.certificates")
    Optional<String> truststoreCertificates;

    /** The bootstrap servers and whichever security settings are configured, to start any client's properties. */
    public Map<String, Object> common() {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        securityProtocol.ifPresent(v -> p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, v));
        saslMechanism.ifPresent(v -> p.put(SaslConfigs.SASL_MECHANISM, v));
        saslJaasConfig.ifPresent(v -> p.put(SaslConfigs.SASL_JAAS_CONFIG, v));
        truststoreType.ifPresent(v -> p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, v));
        truststoreCertificates.ifPresent(v -> p.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, v));
        return p;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
