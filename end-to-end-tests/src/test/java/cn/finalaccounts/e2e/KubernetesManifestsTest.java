package cn.finalaccounts.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cn.finalaccounts.fiscal.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s checked without a cluster (docs/kubernetes.md). Every YAML document under deploy/k8s is validated
 * against the JSON Schema of its apiVersion and kind, vendored in src/test/resources/k8s-schemas (its README.md
 * says where each comes from); the kinds no schema is available for offline (the Kustomization files, the optional
 * mariadb-operator resources) are checked field by field. On top, the platform's own rules: replicas, probes and
 * resources of each service, references to the ConfigMap and the Secrets, the topics the services use, the KRaft
 * cluster, its SCRAM listeners and ACLs (each service a KafkaUser with exactly the grants it needs), and kustomizations
 * that reference every manifest.
 */
class KubernetesManifestsTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static final String K8S_SCHEMAS = "kubernetes-1.27.1/";
    private static final List<String> STRIMZI_VERSIONS = List.of("strimzi-0.45.0/", "strimzi-0.51.0/");

    /** "apiVersion kind" → the schemas (under k8s-schemas/ on the test classpath) a document must match, all of them. */
    private static final Map<String, List<String>> SCHEMAS = Map.of(
            "v1 Namespace", List.of(K8S_SCHEMAS + "namespace-v1.json"),
            "v1 ConfigMap", List.of(K8S_SCHEMAS + "configmap-v1.json"),
            "v1 Secret", List.of(K8S_SCHEMAS + "secret-v1.json"),
            "v1 Service", List.of(K8S_SCHEMAS + "service-v1.json"),
            "apps/v1 Deployment", List.of(K8S_SCHEMAS + "deployment-apps-v1.json"),
            "policy/v1 PodDisruptionBudget", List.of(K8S_SCHEMAS + "poddisruptionbudget-policy-v1.json"),
            "kafka.strimzi.io/v1beta2 Kafka", strimzi("kafka"),
            "kafka.strimzi.io/v1beta2 KafkaNodePool", strimzi("kafkanodepool"),
            "kafka.strimzi.io/v1beta2 KafkaTopic", strimzi("kafkatopic"),
            "kafka.strimzi.io/v1beta2 KafkaUser", strimzi("kafkauser"));

    /** The services: name → HTTP port, as the services' application.properties set them. */
    private static final Map<String, Integer> SERVICES = Map.of(
            "accounts-service", 8081, "performance-service", 8082, "aggregation-service", 8083);
    private static final int REPLICAS = 2;
    private static final long THIRTY_DAYS_MS = 30L * 24 * 60 * 60 * 1000;
    /** What every Kafka client of a service is configured with (config.yaml; the services read kafka.* from these). */
    private static final String KAFKA_SECURITY_PROTOCOL = "SASL_SSL";
    private static final String KAFKA_SASL_MECHANISM = "SCRAM-SHA-512";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new HashMap<>();

    /** One YAML document: the file, its position in the file (from 1) and its content. */
    record Doc(Path file, int index, JsonNode node) {
        String type() {
            return node.path("apiVersion").asText("?") + " " + node.path("kind").asText("?");
        }

        String kind() {
            return node.path("kind").asText("?");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        @Override
        public String toString() {
            return ROOT.relativize(file) + " document " + index + " (" + kind() + (name().isEmpty() ? "" : " " + name()) + ")";
        }
    }

    private static List<Doc> docs;

    @BeforeAll
    static void readManifests() throws IOException {
        assertTrue(Files.isDirectory(K8S), "no " + K8S + " (system property platform.root: the repository root)");
        List<Doc> all = new ArrayList<>();
        for (Path file : yamlFiles(K8S)) {
            all.addAll(read(file));
        }
        docs = List.copyOf(all);
        assertFalse(docs.isEmpty(), "no YAML document under " + K8S);
    }

    // --- schemas ------------------------------------------------------------------------------------------

    @Test
    void everyDocumentMatchesTheSchemaOfItsKind() {
        List<String> problems = new ArrayList<>();
        for (Doc doc : docs) {
            List<String> schemas = SCHEMAS.get(doc.type());
            if (schemas != null) {
                for (String schema : schemas) {
                    for (String error : validate(schema, doc.node())) {
                        problems.add(doc + " against " + schema + ": " + error);
                    }
                }
            } else if (!structuralCheck(doc, p -> problems.add(doc + ": " + p))) {
                problems.add(doc + ": no schema for " + doc.type()
                        + " (add one to src/test/resources/k8s-schemas, see its README.md, and to SCHEMAS)");
            }
            if (!doc.kind().equals("Kustomization") && doc.name().isEmpty()) {
                problems.add(doc + ": no metadata.name");
            }
        }
        assertNoProblems(problems);
    }

    /** The schemas are strict enough to matter: a misspelt field, a wrong type or a bad quantity is refused. */
    @Test
    void theSchemasRefuseBrokenManifests() {
        Doc deployment = one("Deployment", "accounts-service");
        assertRefused(deployment, "a misspelt readinessProbe", d -> {
            ObjectNode container = (ObjectNode) d.at("/spec/template/spec/containers/0");
            container.set("readinesProbe", container.remove("readinessProbe"));
        });
        assertRefused(deployment, "replicas as text", d -> ((ObjectNode) d.at("/spec")).put("replicas", "two"));
        assertRefused(deployment, "a memory request that is no quantity",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/resources/requests")).put("memory", "lots"));
        assertRefused(deployment, "a container without a name",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0")).remove("name"));
        Doc topic = docs.stream().filter(d -> d.kind().equals("KafkaTopic")).findFirst().orElseThrow();
        assertRefused(topic, "partitions as text", d -> ((ObjectNode) d.at("/spec")).put("partitions", "six"));
        assertRefused(topic, "a misspelt replicas", d -> ((ObjectNode) d.at("/spec")).put("replica", 3));
        Doc kafka = docs.stream().filter(d -> d.kind().equals("Kafka")).findFirst().orElseThrow();
        assertRefused(kafka, "no listeners", d -> ((ObjectNode) d.at("/spec/kafka")).remove("listeners"));
        assertRefused(kafka, "an unknown listener authentication",
                d -> ((ObjectNode) d.at("/spec/kafka/listeners/0/authentication")).put("type", "scram-sha-1024"));
        Doc user = one("KafkaUser", "accounts-service");
        assertRefused(user, "an unknown ACL operation",
                d -> ((ArrayNode) d.at("/spec/authorization/acls/0/operations")).add("Everything"));
        assertRefused(user, "an ACL resource of an unknown type",
                d -> ((ObjectNode) d.at("/spec/authorization/acls/0/resource")).put("type", "topics"));
    }

    // --- the services ---------------------------------------------------------------------------------------

    @Test
    void eachServiceRunsTwoProbedReplicasWithResourcesBehindAServiceAndADisruptionBudget() {
        List<String> problems = new ArrayList<>();
        assertEquals(SERVICES.keySet(), names("Deployment"), "the Deployments");
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            String name = service.getKey();
            int port = service.getValue();
            Doc d = one("Deployment", name);
            JsonNode spec = d.node().path("spec");
            JsonNode pod = spec.path("template").path("spec");
            JsonNode podLabels = spec.path("template").path("metadata").path("labels");
            check(problems, d, spec.path("replicas").asInt(-1) == REPLICAS, "replicas must be " + REPLICAS);
            check(problems, d, selects(spec.path("selector").path("matchLabels"), podLabels),
                    "the selector does not select the pod template's labels");
            check(problems, d, pod.path("containers").size() == 1, "one container");
            JsonNode c = pod.path("containers").path(0);
            check(problems, d, containerPort(c, "http") == port, "container port http must be " + port);
            check(problems, d, port == Integer.parseInt(env(c, "QUARKUS_HTTP_PORT").orElse("-1")),
                    "QUARKUS_HTTP_PORT must be " + port);
            checkProbe(problems, d, c.path("readinessProbe"), "readinessProbe", "/q/health/ready");
            checkProbe(problems, d, c.path("livenessProbe"), "livenessProbe", "/q/health/live");
            for (String r : List.of("requests", "limits")) {
                for (String what : List.of("cpu", "memory")) {
                    check(problems, d, c.path("resources").path(r).hasNonNull(what), "resources." + r + "." + what);
                }
            }
            check(problems, d, pod.path("affinity").path("podAntiAffinity").has("preferredDuringSchedulingIgnoredDuringExecution"),
                    "pod anti-affinity preferring to spread the replicas");
            check(problems, d, c.path("image").asText().matches("[^\\s:]+(:[\\w.-]+|@sha256:[0-9a-f]{64})"),
                    "an image with a tag or digest");

            Doc svc = one("Service", name);
            JsonNode svcSpec = svc.node().path("spec");
            check(problems, svc, svcSpec.path("type").asText("ClusterIP").equals("ClusterIP"), "type ClusterIP");
            check(problems, svc, selects(svcSpec.path("selector"), podLabels), "the selector does not select the pods");
            JsonNode svcPort = svcSpec.path("ports").path(0);
            check(problems, svc, svcPort.path("port").asInt() == port
                    && (svcPort.path("targetPort").asText().equals("http") || svcPort.path("targetPort").asInt() == port),
                    "port " + port + " to the container's http port");

            Doc pdb = one("PodDisruptionBudget", name);
            check(problems, pdb, selects(pdb.node().path("spec").path("selector").path("matchLabels"), podLabels),
                    "the selector does not select the pods");
            check(problems, pdb, pdb.node().path("spec").has("maxUnavailable") || pdb.node().path("spec").has("minAvailable"),
                    "maxUnavailable or minAvailable");
        }
        assertNoProblems(problems);
    }

    @Test
    void theEnvironmentComesFromTheConfigMapAndTheSecrets() {
        JsonNode config = one("ConfigMap", "final-accounts-config").node().path("data");
        JsonNode secret = one("Secret", "final-accounts-db").node().path("stringData");
        JsonNode oidcSecret = one("Secret", "final-accounts-oidc").node().path("stringData");
        Map<String, JsonNode> eventKeys = new TreeMap<>();
        for (String producer : List.of("accounts", "performance", "aggregation")) {
            eventKeys.put("final-accounts-events-" + producer,
                    one("Secret", "final-accounts-events-" + producer).node().path("stringData"));
        }
        // The Secrets Strimzi keeps (not in deploy/k8s): each KafkaUser's, and the cluster CA's public part.
        Set<String> kafkaUsers = names("KafkaUser");
        String clusterCa = one("Kafka", null).name() + "-cluster-ca-cert";
        List<String> problems = new ArrayList<>();
        for (String name : SERVICES.keySet()) {
            Doc d = one("Deployment", name);
            JsonNode c = d.node().at("/spec/template/spec/containers/0");
            Set<String> set = new TreeSet<>();
            for (JsonNode e : c.path("env")) {
                set.add(e.path("name").asText());
                JsonNode cm = e.path("valueFrom").path("configMapKeyRef");
                if (!cm.isMissingNode()) {
                    check(problems, d, cm.path("name").asText().equals("final-accounts-config") && config.has(cm.path("key").asText()),
                            e.path("name").asText() + ": no key " + cm.path("key").asText() + " in ConfigMap final-accounts-config");
                }
                JsonNode s = e.path("valueFrom").path("secretKeyRef");
                if (!s.isMissingNode()) {
                    String secretName = s.path("name").asText();
                    String key = s.path("key").asText();
                    boolean known = secretName.equals("final-accounts-db") ? secret.has(key)
                            : secretName.equals("final-accounts-oidc") ? oidcSecret.has(key)
                            : eventKeys.containsKey(secretName) ? eventKeys.get(secretName).has(key)
                            : kafkaUsers.contains(secretName) ? Set.of("password", "sasl.jaas.config").contains(key)
                            : secretName.equals(clusterCa) && key.equals("ca.crt");
                    check(problems, d, known, e.path("name").asText() + ": no key " + key + " in Secret " + secretName
                            + " (final-accounts-db, final-accounts-oidc, a KafkaUser's Secret or " + clusterCa + ")");
                }
            }
            for (String required : List.of("FA_DB_HOST", "FA_DB_PORT", "FA_DB_NAME", "FA_DB_USER", "FA_DB_PASSWORD",
                    "FA_DB_MIGRATOR_USER", "FA_DB_MIGRATOR_PASSWORD", "FA_DB_RUNTIME_HOSTS",
                    "FA_KAFKA_BOOTSTRAP", "FA_KAFKA_REPLICATION_FACTOR", "QUARKUS_HTTP_PORT", "JAVA_TOOL_OPTIONS",
                    "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG",
                    "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_CERTIFICATES", "FA_OIDC_ISSUER",
                    "FA_OIDC_AUDIENCE", "FA_OIDC_PLATFORM_CLIENT", "FA_OIDC_PLATFORM_SECRET")) {
                check(problems, d, set.contains(required), "no " + required);
            }
            JsonNode instance = envNode(c, "FA_INSTANCE_ID");
            check(problems, d, instance != null
                    && instance.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.name"),
                    "FA_INSTANCE_ID must be the pod's name (two replicas, two names in the group and the rebuild)");
            JsonNode password = envNode(c, "FA_DB_PASSWORD");
            check(problems, d, password != null && password.at("/valueFrom/secretKeyRef").isObject(),
                    "FA_DB_PASSWORD must come from a Secret");
            JsonNode migratorPassword = envNode(c, "FA_DB_MIGRATOR_PASSWORD");
            check(problems, d, migratorPassword != null && migratorPassword.at("/valueFrom/secretKeyRef").isObject(),
                    "FA_DB_MIGRATOR_PASSWORD must come from a Secret");
            check(problems, d, !configValue(name, "FA_DB_MIGRATOR_USER").equals(configValue(name, "FA_DB_USER")),
                    "the service must not run as its migrations' user");
            JsonNode platformSecret = envNode(c, "FA_OIDC_PLATFORM_SECRET");
            check(problems, d, platformSecret != null
                    && platformSecret.at("/valueFrom/secretKeyRef/name").asText().equals("final-accounts-oidc"),
                    "FA_OIDC_PLATFORM_SECRET must come from the Secret final-accounts-oidc");
            // Each service gets the event keys of its own name (it signs) and of its sources (it verifies), from their
            // Secrets, and no other: a key signs as well as it verifies.
            List<String> keysNeeded = switch (name) {
                case "accounts-service" -> List.of("accounts");
                case "performance-service" -> List.of("accounts", "performance");
                default -> List.of("accounts", "aggregation", "performance");
            };
            List<String> keysGiven = new ArrayList<>();
            for (String producer : List.of("accounts", "aggregation", "performance")) {
                JsonNode key = envNode(c, "FA_EVENTS_KEYS_" + producer.toUpperCase(java.util.Locale.ROOT));
                if (key != null) {
                    keysGiven.add(producer);
                    check(problems, d, key.at("/valueFrom/secretKeyRef/name").asText()
                                    .equals("final-accounts-events-" + producer)
                                    && key.at("/valueFrom/secretKeyRef/key").asText().equals("keys"),
                            "FA_EVENTS_KEYS_" + producer.toUpperCase(java.util.Locale.ROOT)
                                    + " must be keys of the Secret final-accounts-events-" + producer);
                }
            }
            check(problems, d, keysGiven.equals(keysNeeded), "event keys " + keysGiven + ", expected " + keysNeeded);
            JsonNode jaas = envNode(c, "KAFKA_SASL_JAAS_CONFIG");
            check(problems, d, jaas != null && jaas.at("/valueFrom/secretKeyRef").isObject(),
                    "KAFKA_SASL_JAAS_CONFIG must come from a Secret");
            JsonNode ca = envNode(c, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES");
            check(problems, d, ca != null && ca.at("/valueFrom/secretKeyRef/name").asText().equals(clusterCa)
                    && ca.at("/valueFrom/secretKeyRef/key").asText().equals("ca.crt"),
                    "KAFKA_SSL_TRUSTSTORE_CERTIFICATES must be ca.crt of the Secret " + clusterCa);
        }
        assertNoProblems(problems);
        assertTrue(config.path("JAVA_TOOL_OPTIONS").asText().contains("-XX:MaxRAMPercentage=75"), "JAVA_TOOL_OPTIONS");
        assertEquals("aggregation-summaries", configValue("aggregation-service", "FA_CONSUMER_GROUP"),
                "aggregation-service's consumer group");
        assertEquals("performance-mirror", configValue("performance-service", "FA_CONSUMER_GROUP"),
                "performance-service's consumer group");
        for (String service : SERVICES.keySet()) {
            String db = service.replace("-service", "");
            assertEquals(db, configValue(service, "FA_DB_NAME"), service + "'s database");
            assertEquals(KAFKA_SECURITY_PROTOCOL, configValue(service, "KAFKA_SECURITY_PROTOCOL"), service + "'s Kafka protocol");
            assertEquals(KAFKA_SASL_MECHANISM, configValue(service, "KAFKA_SASL_MECHANISM"), service + "'s SASL mechanism");
            assertEquals("PEM", configValue(service, "KAFKA_SSL_TRUSTSTORE_TYPE"), service + "'s truststore type");
            // Every service verifies tokens of the same issuer, for the audience the identity provider puts in them.
            assertEquals(config.path("FA_OIDC_ISSUER").asText(), configValue(service, "FA_OIDC_ISSUER"), service + "'s issuer");
            assertEquals("final-accounts-api", configValue(service, "FA_OIDC_AUDIENCE"), service + "'s token audience");
        }
        assertTrue(config.path("FA_OIDC_ISSUER").asText().startsWith("https://"), "the issuer is reached over TLS");
        oidcSecret.fields().forEachRemaining(e -> assertEquals("REPLACE_ME", e.getValue().asText(),
                "the Secret template holds placeholders only: " + e.getKey()));
        secret.fields().forEachRemaining(e -> assertEquals("REPLACE_ME", e.getValue().asText(),
                "the Secret template holds placeholders only: " + e.getKey()));
        eventKeys.forEach((name, data) -> {
            assertEquals(List.of("keys"), iterableNames(data), name + "'s keys");
            assertEquals("REPLACE_ME", data.path("keys").asText(), "the Secret template holds placeholders only: " + name);
        });
    }

    private static List<String> iterableNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // --- Kafka ----------------------------------------------------------------------------------------------

    @Test
    void theTopicsAreTheOnesTheServicesUseWithSixPartitionsThreeReplicasAndTheirRetention() throws IOException {
        Map<String, Doc> topics = new HashMap<>();
        for (Doc d : all("KafkaTopic")) {
            String name = d.node().path("spec").path("topicName").asText(d.name());
            assertTrue(topics.put(name, d) == null, "topic " + name + " declared twice");
        }
        assertEquals(topicsOfTheServices(), new TreeSet<>(topics.keySet()),
                "the KafkaTopics against the topics in the services' application.properties");
        String cluster = one("Kafka", null).name();
        List<String> problems = new ArrayList<>();
        for (Doc d : topics.values()) {
            JsonNode spec = d.node().path("spec");
            JsonNode config = spec.path("config");
            check(problems, d, spec.path("partitions").asInt() == 6 && Topics.DEFAULT_PARTITIONS == 6, "partitions must be 6");
            check(problems, d, spec.path("replicas").asInt() == 3, "replicas must be 3");
            check(problems, d, config.path("min.insync.replicas").asInt() == 2, "min.insync.replicas must be 2");
            check(problems, d, cluster.equals(d.node().path("metadata").path("labels").path("strimzi.io/cluster").asText()),
                    "label strimzi.io/cluster must name the Kafka cluster " + cluster);
        }
        assertNoProblems(problems);
        // aggregation-service rebuilds from these: every record is kept, none is compacted away.
        for (String kept : List.of(Topics.ORG_NODES, Topics.UNIT_REPORTS, Topics.PERFORMANCE_PROJECTS, Topics.PERFORMANCE_FUNDS)) {
            JsonNode config = topics.get(kept).node().path("spec").path("config");
            assertEquals(-1, config.path("retention.ms").asLong(), kept + " retention.ms");
            assertFalse(config.path("cleanup.policy").asText("delete").contains("compact"), kept + " must not be compacted");
        }
        JsonNode deadLetters = topics.get(Topics.AGGREGATION_DEAD_LETTERS).node().path("spec").path("config");
        assertEquals(THIRTY_DAYS_MS, deadLetters.path("retention.ms").asLong(), "dead letters: 30 days");
    }

    @Test
    void theKafkaClusterRunsInKraftModeOnNodePoolsWithThreeBrokers() {
        Doc kafka = one("Kafka", null);
        JsonNode annotations = kafka.node().path("metadata").path("annotations");
        assertEquals("enabled", annotations.path("strimzi.io/kraft").asText(), "annotation strimzi.io/kraft");
        assertEquals("enabled", annotations.path("strimzi.io/node-pools").asText(), "annotation strimzi.io/node-pools");
        assertTrue(kafka.node().path("spec").path("zookeeper").isMissingNode(), "no ZooKeeper");
        int brokers = 0;
        int controllers = 0;
        for (Doc pool : all("KafkaNodePool")) {
            assertEquals(kafka.name(), pool.node().path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    pool + ": label strimzi.io/cluster");
            Set<String> roles = new TreeSet<>();
            pool.node().path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            int replicas = pool.node().path("spec").path("replicas").asInt();
            brokers += roles.contains("broker") ? replicas : 0;
            controllers += roles.contains("controller") ? replicas : 0;
        }
        assertEquals(3, brokers, "brokers");
        assertEquals(3, controllers, "KRaft controllers (a quorum of 3)");
        JsonNode config = kafka.node().path("spec").path("kafka").path("config");
        assertEquals(3, config.path("default.replication.factor").asInt(), "default.replication.factor");
        assertEquals(2, config.path("min.insync.replicas").asInt(), "min.insync.replicas");
        assertTrue(kafka.node().path("spec").path("entityOperator").has("topicOperator"), "a Topic Operator for the KafkaTopics");
    }

    @Test
    void theKafkaListenersTakeOnlyScramLoginsAndTheClusterChecksAcls() {
        Doc kafka = one("Kafka", null);
        JsonNode spec = kafka.node().path("spec");
        List<String> problems = new ArrayList<>();
        JsonNode used = null;
        String bootstrap = one("ConfigMap", "final-accounts-config").node().path("data").path("FA_KAFKA_BOOTSTRAP").asText();
        for (JsonNode l : spec.path("kafka").path("listeners")) {
            String name = l.path("name").asText();
            check(problems, kafka, l.path("authentication").path("type").asText().equals("scram-sha-512"),
                    "listener " + name + " must authenticate with scram-sha-512");
            if (l.path("type").asText().equals("internal") && bootstrap.equals(kafka.name() + "-kafka-bootstrap:" + l.path("port").asInt())) {
                used = l;
            }
            System.out.printf("listener %-6s port %d tls %-5s authentication %s%n", name, l.path("port").asInt(),
                    l.path("tls").asBoolean(), l.path("authentication").path("type").asText("NONE"));
        }
        assertNoProblems(problems);
        assertTrue(used != null, "FA_KAFKA_BOOTSTRAP " + bootstrap + " must be the cluster's bootstrap Service and the port"
                + " of one of its internal listeners");
        assertEquals(KAFKA_SECURITY_PROTOCOL.equals("SASL_SSL"), used.path("tls").asBoolean(),
                "KAFKA_SECURITY_PROTOCOL " + KAFKA_SECURITY_PROTOCOL + " against listener " + used.path("name").asText() + "'s tls");
        assertEquals("SCRAM-SHA-512", KAFKA_SASL_MECHANISM, "the mechanism of the listeners");
        assertEquals("simple", spec.path("kafka").path("authorization").path("type").asText(), "authorization.type");
        assertTrue(spec.path("kafka").path("authorization").path("superUsers").isEmpty(),
                "no superUsers: Strimzi's own components are super users already, the services must not be");
        assertTrue(spec.path("entityOperator").has("userOperator"), "a User Operator for the KafkaUsers");
        System.out.printf("services connect to %s (%s, %s); authorization %s; user operator on%n", bootstrap,
                KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, spec.path("kafka").path("authorization").path("type").asText());
    }

    /**
     * Each service logs in as the KafkaUser named like it, and that user's ACL grants exactly what the service's
     * Kafka clients do (docs/security.md): Write and Describe on the topics it produces, Read and Describe on the
     * topics it consumes, Read on its consumer group; nothing else (no wildcard or prefix, no All, no cluster).
     */
    @Test
    void eachServiceLogsInAsItsOwnKafkaUserWithExactlyTheAclItNeeds() throws IOException {
        String cluster = one("Kafka", null).name();
        assertEquals(SERVICES.keySet(), names("KafkaUser"), "one KafkaUser per service, named like it");
        Set<String> topics = all("KafkaTopic").stream().map(d -> d.node().path("spec").path("topicName").asText(d.name()))
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> writers = new HashMap<>();
        List<String> problems = new ArrayList<>();
        System.out.printf("%-20s %-8s %-34s %s%n", "KafkaUser", "resource", "name", "operations");
        for (String service : new TreeSet<>(SERVICES.keySet())) {
            Doc d = one("Deployment", service);
            JsonNode ref = envNode(d.node().at("/spec/template/spec/containers/0"), "KAFKA_SASL_JAAS_CONFIG");
            String secret = ref == null ? "" : ref.at("/valueFrom/secretKeyRef/name").asText();
            check(problems, d, secret.equals(service) && ref.at("/valueFrom/secretKeyRef/key").asText().equals("sasl.jaas.config"),
                    "KAFKA_SASL_JAAS_CONFIG must be sasl.jaas.config of the Secret of the KafkaUser " + service + ", not " + secret);
            Doc user = one("KafkaUser", service);
            check(problems, user, cluster.equals(user.node().at("/metadata/labels/strimzi.io~1cluster").asText()),
                    "label strimzi.io/cluster must name the Kafka cluster " + cluster);
            check(problems, user, user.node().at("/spec/authentication/type").asText().equals("scram-sha-512"),
                    "authentication.type must be scram-sha-512 (the listeners' mechanism)");

            Needs needs = needs(service);
            for (String t : needs.writes()) {
                check(problems, user, topics.contains(t), "writes " + t + ", which no KafkaTopic declares");
                String before = writers.put(t, service);
                check(problems, user, before == null, t + " is written by " + before + " and " + service);
                check(problems, user, t.startsWith("fa." + service.replace("-service", "") + "."),
                        "writes " + t + ": a service writes only the topics named after it");
            }
            for (String t : needs.reads()) {
                check(problems, user, topics.contains(t), "reads " + t + ", which no KafkaTopic declares");
            }
            for (String p : aclProblems(user.node(), needs)) {
                problems.add(user + ": " + p);
            }
            for (JsonNode acl : user.node().at("/spec/authorization/acls")) {
                System.out.printf("%-20s %-8s %-34s %s%n", service, acl.at("/resource/type").asText(),
                        acl.at("/resource/name").asText(), String.join(", ", operations(acl)));
            }
        }
        assertEquals(topics, new TreeSet<>(writers.keySet()), "every topic has its one writing service");
        assertNoProblems(problems);
    }

    /** The ACL check above is not vacuous: a missing grant, and each kind of excess grant, is reported. */
    @Test
    void theAclCheckRefusesMissingAndExcessGrants() throws IOException {
        Doc user = one("KafkaUser", "aggregation-service");
        Needs needs = needs("aggregation-service");
        assertEquals(List.of(), aclProblems(user.node(), needs), "the manifest as it is");
        Map<String, Consumer<ArrayNode>> breakages = new java.util.LinkedHashMap<>();
        breakages.put("no Write on the dead-letter topic", acls -> acls.remove(indexOf(acls, "topic", Topics.AGGREGATION_DEAD_LETTERS)));
        breakages.put("no Read on the consumer group", acls -> acls.remove(indexOf(acls, "group", "aggregation-summaries")));
        breakages.put("Describe only on a consumed topic",
                acls -> ((ObjectNode) acls.get(indexOf(acls, "topic", Topics.ORG_NODES))).putArray("operations").add("Describe"));
        breakages.put("Write on a consumed topic",
                acls -> ((ArrayNode) acls.get(indexOf(acls, "topic", Topics.ORG_NODES)).path("operations")).add("Write"));
        breakages.put("All on a topic",
                acls -> ((ArrayNode) acls.get(indexOf(acls, "topic", Topics.UNIT_REPORTS)).path("operations")).add("All"));
        breakages.put("every topic (*)", acls -> acls.add(acl("topic", "*", "literal", "Read")));
        breakages.put("a prefix pattern", acls -> acls.add(acl("topic", "fa.", "prefix", "Read")));
        breakages.put("IdempotentWrite on the cluster", acls -> acls.add(acl("cluster", "kafka-cluster", "literal", "IdempotentWrite")));
        breakages.put("Create on a topic", acls -> acls.add(acl("topic", Topics.PERFORMANCE_FUNDS, "literal", "Create")));
        breakages.put("another service's group", acls -> acls.add(acl("group", "performance-mirror", "literal", "Read")));
        breakages.put("a transactional id", acls -> acls.add(acl("transactionalId", "outbox-relay", "literal", "Write")));
        breakages.put("a deny rule", acls -> ((ObjectNode) acls.get(0)).put("type", "deny"));
        for (Map.Entry<String, Consumer<ArrayNode>> b : breakages.entrySet()) {
            ObjectNode broken = user.node().deepCopy();
            b.getValue().accept((ArrayNode) broken.at("/spec/authorization/acls"));
            List<String> found = aclProblems(broken, needs);
            assertFalse(found.isEmpty(), "the ACL check accepts " + user + " with " + b.getKey());
            System.out.printf("refused: %-34s -> %s%n", b.getKey(), found.get(0));
        }
    }

    // --- kustomize ------------------------------------------------------------------------------------------

    /**
     * Nothing talks to anything unless a policy says so (docs/kubernetes.md, "Network policies"): a default deny of
     * the namespace in both directions; each service's pods let in on their HTTP port only, and let out only to DNS,
     * the database, Kafka's TLS listener and the issuer; Kafka's listener admits the three services only.
     */
    @Test
    void theNamespaceDeniesByDefaultAndEachServiceHasItsOwnPolicy() {
        List<String> problems = new ArrayList<>();
        List<Doc> denies = all("NetworkPolicy").stream().filter(d -> d.node().path("spec").path("podSelector").isEmpty()
                && !d.node().path("spec").has("ingress") && !d.node().path("spec").has("egress")).toList();
        assertEquals(1, denies.size(), "one default-deny policy (podSelector {}, no rules): " + denies);
        JsonNode denyTypes = denies.get(0).node().path("spec").path("policyTypes");
        assertEquals(Set.of("Ingress", "Egress"), Set.of(denyTypes.path(0).asText(), denyTypes.path(1).asText()),
                "the default deny covers both directions");
        assertEquals(SERVICES.keySet(), names("Deployment"), "the Deployments");
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            Doc d = one("Deployment", service.getKey());
            JsonNode podLabels = d.node().path("spec").path("template").path("metadata").path("labels");
            List<Doc> mine = all("NetworkPolicy").stream().filter(p -> selects(
                    p.node().path("spec").path("podSelector").path("matchLabels"), podLabels)).toList();
            check(problems, d, mine.size() == 1, "exactly one NetworkPolicy selecting its pods, found " + mine);
            if (mine.size() != 1) {
                continue;
            }
            Doc policy = mine.get(0);
            JsonNode spec = policy.node().path("spec");
            Set<Integer> inPorts = new TreeSet<>();
            for (JsonNode rule : spec.path("ingress")) {
                check(problems, policy, rule.path("from").isArray() && !rule.path("from").isEmpty(),
                        "an ingress rule without from admits everyone");
                rule.path("ports").forEach(p -> inPorts.add(p.path("port").asInt()));
            }
            check(problems, policy, inPorts.equals(Set.of(service.getValue())),
                    "ingress only on the HTTP port " + service.getValue() + ", not " + inPorts);
            Set<Integer> outPorts = new TreeSet<>();
            for (JsonNode rule : spec.path("egress")) {
                rule.path("ports").forEach(p -> outPorts.add(p.path("port").asInt()));
                check(problems, policy, rule.has("ports"), "an egress rule without ports lets out everything");
            }
            for (int needed : List.of(3306, 9093, 443)) {
                check(problems, policy, outPorts.contains(needed), "egress to port " + needed);
            }
            check(problems, policy, !outPorts.contains(9092), "egress to Kafka's plaintext port 9092");
            Set<Integer> allowed = new TreeSet<>(List.of(3306, 9093, 443, 8081, 8082));
            check(problems, policy, allowed.containsAll(outPorts), "egress only to " + allowed + ", not " + outPorts);
        }
        boolean dns = false;
        for (Doc p : all("NetworkPolicy")) {
            if (p.node().path("spec").path("podSelector").isEmpty()) {
                for (JsonNode rule : p.node().path("spec").path("egress")) {
                    for (JsonNode port : rule.path("ports")) {
                        dns |= port.path("port").asInt() == 53;
                    }
                }
            }
        }
        check(problems, denies.get(0), dns, "every pod may reach DNS (port 53)");
        assertNoProblems(problems);
    }

    /** The broker has no plaintext listener, and its TLS listener admits the three services' pods only. */
    @Test
    void kafkaHasNoPlaintextListenerAndAdmitsOnlyTheServices() {
        Doc kafka = one("Kafka", null);
        List<String> problems = new ArrayList<>();
        JsonNode listeners = kafka.node().path("spec").path("kafka").path("listeners");
        for (JsonNode l : listeners) {
            check(problems, kafka, l.path("tls").asBoolean(), "listener " + l.path("name").asText() + " without TLS");
            check(problems, kafka, l.path("port").asInt() != 9092, "a listener on 9092");
            List<String> peers = new ArrayList<>();
            for (JsonNode peer : l.path("networkPolicyPeers")) {
                for (JsonNode e : peer.path("podSelector").path("matchExpressions")) {
                    if (e.path("key").asText().equals("app.kubernetes.io/name") && e.path("operator").asText().equals("In")) {
                        e.path("values").forEach(v -> peers.add(v.asText()));
                    }
                }
                check(problems, kafka, peer.has("podSelector") && !peer.has("namespaceSelector") && !peer.has("ipBlock"),
                        "a peer other than the namespace's service pods: " + peer);
            }
            check(problems, kafka, new TreeSet<>(peers).equals(new TreeSet<>(SERVICES.keySet())),
                    "listener " + l.path("name").asText() + " must admit exactly the three services, not " + peers);
        }
        check(problems, kafka, listeners.size() == 1, "one listener (tls 9093), found " + listeners.size());
        assertNoProblems(problems);
    }

    /** Pod Security Admission enforces "restricted" on the namespace, and every Deployment's pods meet it. */
    @Test
    void theNamespaceEnforcesRestrictedPodSecurityAndThePodsMeetIt() {
        JsonNode labels = one("Namespace", "final-accounts").node().path("metadata").path("labels");
        List<String> problems = new ArrayList<>();
        Doc ns = one("Namespace", "final-accounts");
        for (String mode : List.of("enforce", "audit", "warn")) {
            check(problems, ns, labels.path("pod-security.kubernetes.io/" + mode).asText().equals("restricted"),
                    "label pod-security.kubernetes.io/" + mode + ": restricted");
        }
        for (Doc d : all("Deployment")) {
            JsonNode pod = d.node().path("spec").path("template").path("spec");
            JsonNode podSc = pod.path("securityContext");
            check(problems, d, podSc.path("runAsNonRoot").asBoolean(), "pod securityContext.runAsNonRoot: true");
            check(problems, d, podSc.path("seccompProfile").path("type").asText().equals("RuntimeDefault"),
                    "pod securityContext.seccompProfile.type: RuntimeDefault");
            check(problems, d, !pod.path("hostNetwork").asBoolean() && !pod.path("hostPID").asBoolean()
                    && !pod.path("hostIPC").asBoolean(), "no host namespaces");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : pod.path(list)) {
                    JsonNode sc = c.path("securityContext");
                    String name = c.path("name").asText();
                    check(problems, d, sc.path("allowPrivilegeEscalation").isBoolean()
                            && !sc.path("allowPrivilegeEscalation").asBoolean(), name + ": allowPrivilegeEscalation: false");
                    check(problems, d, !sc.path("privileged").asBoolean(), name + ": not privileged");
                    List<String> drop = new ArrayList<>();
                    sc.path("capabilities").path("drop").forEach(v -> drop.add(v.asText()));
                    check(problems, d, drop.contains("ALL"), name + ": capabilities.drop [ALL]");
                    check(problems, d, sc.path("capabilities").path("add").isEmpty(), name + ": no capabilities added");
                    check(problems, d, !sc.has("runAsUser") || sc.path("runAsUser").asInt() != 0, name + ": not as root");
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheTemplateAndTheOptionalOnes() throws IOException {
        Set<Path> collected = new TreeSet<>();
        collect(K8S, collected);
        Set<String> applied = collected.stream().map(p -> K8S.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>();
        for (Path file : yamlFiles(K8S)) {
            Path rel = K8S.relativize(file);
            boolean outside = rel.startsWith("secrets") || rel.startsWith("optional");
            if (!outside && !file.getFileName().toString().equals("kustomization.yaml")) {
                expected.add(rel.toString());
            }
        }
        assertEquals(expected, applied, "the files under deploy/k8s that kubectl apply -k deploy/k8s applies"
                + " (all but kustomization.yaml, secrets/ and optional/)");

        Doc root = read(K8S.resolve("kustomization.yaml")).get(0);
        assertEquals("final-accounts", root.node().path("namespace").asText(), "namespace");
        Set<String> listed = new TreeSet<>();
        root.node().path("images").forEach(i -> listed.add(i.path("name").asText()));
        Set<String> used = all("Deployment").stream()
                .map(d -> d.node().at("/spec/template/spec/containers/0/image").asText().replaceAll("[:@].*$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(used, listed, "kustomization.yaml images: one entry per image of the Deployments");
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static List<String> strimzi(String kind) {
        return STRIMZI_VERSIONS.stream().map(v -> v + kind + "-kafka.strimzi.io-v1beta2.json").toList();
    }

    private static List<String> validate(String schemaPath, JsonNode node) {
        Schema schema;
        synchronized (LOADED) {
            schema = LOADED.computeIfAbsent(schemaPath, p -> {
                String resource = "k8s-schemas/" + p;
                if (KubernetesManifestsTest.class.getClassLoader().getResource(resource) == null) {
                    fail("no schema " + resource + " on the test classpath");
                }
                return REGISTRY.getSchema(SchemaLocation.of("classpath:" + resource));
            });
        }
        return readable(schema.validate(node));
    }

    /**
     * The errors without the noise of the schemas' "a value or null" alternatives (oneOf [ref, {type: null}]): the
     * "null expected" branch and the oneOf summary above a more precise error are left out, unless nothing else is left.
     */
    private static List<String> readable(List<Error> errors) {
        List<Error> kept = errors.stream()
                .filter(e -> !("type".equals(e.getKeyword()) && e.getMessage().endsWith("null expected")))
                .toList();
        List<String> out = new ArrayList<>();
        for (Error e : kept) {
            String at = String.valueOf(e.getInstanceLocation());
            boolean summary = "oneOf".equals(e.getKeyword()) && kept.stream()
                    .anyMatch(o -> o != e && !"oneOf".equals(o.getKeyword()) && String.valueOf(o.getInstanceLocation()).startsWith(at));
            if (!summary) {
                out.add(e.toString());
            }
        }
        return out.isEmpty() ? errors.stream().map(Error::toString).toList() : out;
    }

    private static void assertRefused(Doc doc, String what, Consumer<ObjectNode> breakIt) {
        ObjectNode broken = doc.node().deepCopy();
        breakIt.accept(broken);
        for (String schema : SCHEMAS.get(doc.type())) {
            assertTrue(validate(schema, doc.node()).isEmpty(), doc + " should match " + schema + " before it is broken");
            assertFalse(validate(schema, broken).isEmpty(), schema + " accepts " + doc + " with " + what);
        }
    }

    /**
     * The kinds for which no schema is available offline, checked by explicit assertions (docs/kubernetes.md).
     * Returns false for any other kind.
     */
    private static boolean structuralCheck(Doc doc, Consumer<String> problem) {
        JsonNode n = doc.node();
        JsonNode spec = n.path("spec");
        switch (doc.type()) {
            case "kustomize.config.k8s.io/v1beta1 Kustomization" -> {
                Set<String> known = Set.of("apiVersion", "kind", "namespace", "resources", "images");
                n.fieldNames().forEachRemaining(f -> {
                    if (!known.contains(f)) {
                        problem.accept("field " + f + " is not one this test knows (" + known + ")");
                    }
                });
                requireStrings(n.path("resources"), "resources", problem);
                for (JsonNode image : n.path("images")) {
                    if (!image.path("name").isTextual() || !(image.path("newTag").isTextual()
                            || image.path("newName").isTextual() || image.path("digest").isTextual())) {
                        problem.accept("an image needs a name and a newTag, newName or digest: " + image);
                    }
                }
                if (n.has("namespace") && !n.path("namespace").asText().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                    problem.accept("namespace is not a DNS-1123 label");
                }
            }
            case "networking.k8s.io/v1 NetworkPolicy" -> {
                Set<String> known = Set.of("podSelector", "policyTypes", "ingress", "egress");
                spec.fieldNames().forEachRemaining(f -> {
                    if (!known.contains(f)) {
                        problem.accept("spec." + f + " is not a field of a NetworkPolicy");
                    }
                });
                if (!spec.path("podSelector").isObject()) {
                    problem.accept("spec.podSelector must be an object ({} for every pod)");
                }
                for (JsonNode t : spec.path("policyTypes")) {
                    if (!Set.of("Ingress", "Egress").contains(t.asText())) {
                        problem.accept("policyTypes: " + t + " is neither Ingress nor Egress");
                    }
                }
                for (String direction : List.of("ingress", "egress")) {
                    for (JsonNode rule : spec.path(direction)) {
                        rule.fieldNames().forEachRemaining(f -> {
                            if (!Set.of("from", "to", "ports").contains(f)) {
                                problem.accept(direction + ": " + f + " is not a field of a rule");
                            }
                        });
                        for (JsonNode port : rule.path("ports")) {
                            if (!Set.of("TCP", "UDP", "SCTP").contains(port.path("protocol").asText("TCP"))
                                    || !(port.path("port").isInt() || port.path("port").isTextual())) {
                                problem.accept(direction + ": a port needs a protocol and a port: " + port);
                            }
                        }
                    }
                }
            }
            case "k8s.mariadb.com/v1alpha1 MariaDB" -> {
                requireText(spec, "/rootPasswordSecretKeyRef/name", problem);
                requireText(spec, "/rootPasswordSecretKeyRef/key", problem);
                requireText(spec, "/storage/size", problem);
                // Replicated, one writer (the primary Service), a failed primary replaced (docs/operations.md).
                if (spec.path("replicas").asInt() != 3 || !spec.at("/galera/enabled").asBoolean()
                        || !spec.at("/galera/primary/automaticFailover").asBoolean()) {
                    problem.accept("spec must run 3 Galera replicas with automatic failover of the primary");
                }
                if (!spec.path("myCnf").asText().contains("wsrep_sync_wait=1")) {
                    problem.accept("spec.myCnf must set wsrep_sync_wait=1");
                }
            }
            case "k8s.mariadb.com/v1alpha1 Database" -> {
                requireMariaDbRef(doc, problem);
                requireText(spec, "/characterSet", problem);
                requireText(spec, "/collate", problem);
            }
            case "k8s.mariadb.com/v1alpha1 User" -> {
                requireMariaDbRef(doc, problem);
                requireText(spec, "/passwordSecretKeyRef/name", problem);
                String key = spec.at("/passwordSecretKeyRef/key").asText();
                if (!one("Secret", "final-accounts-db").node().path("stringData").has(key)) {
                    problem.accept("passwordSecretKeyRef.key " + key + " is not a key of Secret final-accounts-db");
                }
            }
            case "k8s.mariadb.com/v1alpha1 Grant" -> {
                requireMariaDbRef(doc, problem);
                requireStrings(spec.path("privileges"), "spec.privileges", problem);
                for (String f : List.of("/database", "/table", "/username")) {
                    requireText(spec, f, problem);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void requireMariaDbRef(Doc doc, Consumer<String> problem) {
        String ref = doc.node().at("/spec/mariaDbRef/name").asText();
        boolean found = docs.stream().anyMatch(d -> d.kind().equals("MariaDB") && d.name().equals(ref)
                && d.file().equals(doc.file()));
        if (!found) {
            problem.accept("spec.mariaDbRef.name " + ref + " names no MariaDB in the same file");
        }
    }

    private static void requireText(JsonNode node, String pointer, Consumer<String> problem) {
        if (!node.at(pointer).isTextual() || node.at(pointer).asText().isBlank()) {
            problem.accept("spec" + pointer.replace('/', '.') + " must be a non-empty string");
        }
    }

    private static void requireStrings(JsonNode node, String what, Consumer<String> problem) {
        if (!node.isArray() || node.isEmpty()) {
            problem.accept(what + " must be a non-empty list");
            return;
        }
        node.forEach(v -> {
            if (!v.isTextual()) {
                problem.accept(what + ": " + v + " is not a string");
            }
        });
    }

    private static void checkProbe(List<String> problems, Doc d, JsonNode probe, String what, String path) {
        check(problems, d, probe.path("httpGet").path("path").asText().equals(path), what + " must GET " + path);
        JsonNode port = probe.path("httpGet").path("port");
        check(problems, d, port.asText().equals("http") || port.asInt() == SERVICES.get(d.name()),
                what + " must use the http port");
    }

    private static void check(List<String> problems, Doc d, boolean ok, String what) {
        if (!ok) {
            problems.add(d + ": " + what);
        }
    }

    private static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) in deploy/k8s:\n  " + String.join("\n  ", problems));
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : iterable(selector.fields())) {
            if (!labels.path(e.getKey()).asText("\0").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    private static JsonNode envNode(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Optional<String> env(JsonNode container, String name) {
        JsonNode e = envNode(container, name);
        return e == null || !e.has("value") ? Optional.empty() : Optional.of(e.path("value").asText());
    }

    /** The value a service's container gets for an environment variable set from the ConfigMap. */
    private static String configValue(String service, String variable) {
        JsonNode e = envNode(one("Deployment", service).node().at("/spec/template/spec/containers/0"), variable);
        if (e == null) {
            fail(service + " sets no " + variable);
        }
        String key = e.at("/valueFrom/configMapKeyRef/key").asText();
        return one("ConfigMap", "final-accounts-config").node().path("data").path(key).asText(null);
    }

    /** Every topic the three services read, write or dead-letter to, from their application.properties. */
    private static Set<String> topicsOfTheServices() throws IOException {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES.keySet()) {
            Properties p = applicationProperties(service);
            for (String key : List.of("fa.kafka.topics", "fa.kafka.produced-topics", "fa.dead-letter.topic")) {
                topics.addAll(list(p, key));
            }
        }
        assertFalse(topics.isEmpty(), "no topics in the services' application.properties");
        return topics;
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static Set<String> list(Properties p, String key) {
        return Arrays.stream(p.getProperty(key, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** What a service's Kafka clients touch: the topics it reads, the topics it writes, its consumer group (or null). */
    record Needs(Set<String> reads, Set<String> writes, String group) {
    }

    /**
     * From the service's application.properties: a consuming service (fa.consumer.enabled) reads fa.kafka.topics in
     * its group (FA_CONSUMER_GROUP of the Deployment) and writes fa.kafka.produced-topics and fa.dead-letter.topic;
     * a service without a consumer (accounts-service) writes fa.kafka.topics, which its TopicProvisioner provisions
     * for its outbox.
     */
    private static Needs needs(String service) throws IOException {
        Properties p = applicationProperties(service);
        boolean consumer = Boolean.parseBoolean(p.getProperty("fa.consumer.enabled", "false"));
        Set<String> writes = new TreeSet<>(list(p, "fa.kafka.produced-topics"));
        writes.addAll(list(p, "fa.dead-letter.topic"));
        Set<String> reads = consumer ? list(p, "fa.kafka.topics") : Set.of();
        if (!consumer) {
            writes.addAll(list(p, "fa.kafka.topics"));
        }
        return new Needs(reads, writes, consumer ? configValue(service, "FA_CONSUMER_GROUP") : null);
    }

    /** A KafkaUser's ACL against what the service needs: every missing grant and every grant beyond it. */
    private static List<String> aclProblems(JsonNode user, Needs needs) {
        Map<String, Set<String>> needed = new java.util.TreeMap<>();
        needs.writes().forEach(t -> needed.computeIfAbsent("topic " + t, k -> new TreeSet<>()).addAll(List.of("Write", "Describe")));
        needs.reads().forEach(t -> needed.computeIfAbsent("topic " + t, k -> new TreeSet<>()).addAll(List.of("Read", "Describe")));
        if (needs.group() != null) {
            needed.put("group " + needs.group(), new TreeSet<>(Set.of("Read")));
        }
        List<String> problems = new ArrayList<>();
        if (!user.at("/spec/authorization/type").asText().equals("simple")) {
            problems.add("authorization.type must be simple");
        }
        Map<String, Set<String>> granted = new java.util.TreeMap<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String type = acl.at("/resource/type").asText();
            String name = acl.at("/resource/name").asText("");
            String what = type + " " + name;
            if (!acl.path("type").asText("allow").equals("allow")) {
                problems.add(what + ": a " + acl.path("type").asText() + " rule (grant only what is needed instead)");
                continue;
            }
            if (!acl.at("/resource/patternType").asText("literal").equals("literal")) {
                problems.add(what + ": pattern " + acl.at("/resource/patternType").asText() + " (only literal names)");
            }
            if (name.isEmpty() || name.contains("*")) {
                problems.add(what + ": a wildcard or missing name");
            }
            if (!type.equals("topic") && !type.equals("group")) {
                problems.add(what + ": a grant on a " + type + " (the services need topics and their group only)");
            }
            List<String> ops = operations(acl);
            if (ops.contains("All")) {
                problems.add(what + ": operation All");
            }
            granted.computeIfAbsent(what, k -> new TreeSet<>()).addAll(ops);
        }
        needed.forEach((what, ops) -> {
            Set<String> missing = new TreeSet<>(ops);
            missing.removeAll(granted.getOrDefault(what, Set.of()));
            if (!missing.isEmpty()) {
                problems.add(what + ": missing " + missing);
            }
        });
        granted.forEach((what, ops) -> {
            Set<String> extra = new TreeSet<>(ops);
            extra.removeAll(needed.getOrDefault(what, Set.of()));
            if (!extra.isEmpty()) {
                problems.add(what + ": grants " + extra + ", which the service does not need");
            }
        });
        return problems;
    }

    /** An ACL rule's operations: the list, and the single (deprecated) operation field. */
    private static List<String> operations(JsonNode acl) {
        List<String> ops = new ArrayList<>();
        acl.path("operations").forEach(o -> ops.add(o.asText()));
        if (acl.hasNonNull("operation")) {
            ops.add(acl.path("operation").asText());
        }
        return ops;
    }

    private static ObjectNode acl(String type, String name, String pattern, String operation) {
        ObjectNode acl = YAML.createObjectNode();
        acl.putObject("resource").put("type", type).put("name", name).put("patternType", pattern);
        acl.putArray("operations").add(operation);
        return acl;
    }

    private static int indexOf(ArrayNode acls, String type, String name) {
        for (int i = 0; i < acls.size(); i++) {
            if (acls.get(i).at("/resource/type").asText().equals(type) && acls.get(i).at("/resource/name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no ACL on " + type + " " + name);
    }

    private static Set<String> names(String kind) {
        return all(kind).stream().map(Doc::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Doc> all(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    /** The one document of a kind (and name, unless null). */
    private static Doc one(String kind, String name) {
        List<Doc> found = all(kind).stream().filter(d -> name == null || d.name().equals(name)).toList();
        assertEquals(1, found.size(), "documents of kind " + kind + (name == null ? "" : " named " + name) + ": " + found);
        return found.get(0);
    }

    /** The files a kustomization directory applies, following its resources into sub-kustomizations. */
    private static void collect(Path dir, Set<Path> into) throws IOException {
        Path kustomization = dir.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(kustomization), "no kustomization.yaml in " + ROOT.relativize(dir));
        for (JsonNode r : read(kustomization).get(0).node().path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                collect(p, into);
            } else if (Files.isRegularFile(p)) {
                assertTrue(into.add(p), ROOT.relativize(p) + " applied twice");
            } else {
                fail(ROOT.relativize(kustomization) + " lists " + r.asText() + ", which does not exist");
            }
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }

    private static List<Doc> read(Path file) {
        List<Doc> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                index++;
                if (node == null || node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
                    continue;
                }
                if (!node.isObject()) {
                    fail(ROOT.relativize(file) + " document " + index + " is not a mapping");
                }
                out.add(new Doc(file, index, node));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + ROOT.relativize(file) + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
