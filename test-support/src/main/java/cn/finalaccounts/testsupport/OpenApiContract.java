package cn.finalaccounts.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OpenAPI contract a service keeps by hand (META-INF/openapi.yaml) held against the code: run a test under
 * {@link ScannedResources}, where SmallRye describes the JAX-RS resources the build really has, and compare the
 * two with {@link #operations}. An endpoint added without its contract, or a contract operation nobody serves,
 * or a query parameter the code reads that the contract does not name, then fails the build.
 */
public final class OpenApiContract {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OpenApiContract() {
    }

    /** The contract as the service's jar holds it. */
    public static JsonNode contract() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/openapi.yaml is not on the class path");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each operation as "GET /api/v1/units/{code}" mapped to its path and query parameter names, sorted
     * ("path:code query:view"). Header parameters are left out: the scanner sees only those the code declares; so
     * is {@code ?format=}, which service-support's FormatParameter filter reads for every path before routing.
     */
    public static Map<String, String> operations(JsonNode document) {
        Map<String, String> ops = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Set<String> shared = parameters(path.getValue().path("parameters"));
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    Set<String> params = new TreeSet<>(shared);
                    params.addAll(parameters(op.getValue().path("parameters")));
                    ops.put(op.getKey().toUpperCase() + " " + path.getKey(), String.join(" ", params));
                }
            });
        }
        return ops;
    }

    private static Set<String> parameters(JsonNode list) {
        Set<String> names = new TreeSet<>();
        list.forEach(p -> {
            String in = p.path("in").asText();
            boolean filtered = in.equals("query") && p.path("name").asText().equals("format");
            if ((in.equals("path") || in.equals("query")) && !filtered) {
                names.add(in + ":" + p.path("name").asText());
            }
        });
        return names;
    }

    /** A test profile under which /q/openapi describes the code as scanned, not the contract. */
    public static class ScannedResources implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.openapi.scan.disable", "false",
                    "quarkus.smallrye-openapi.ignore-static-document", "true");
        }
    }
}
