package cn.finalaccounts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** The OpenAPI document a running service serves at /q/openapi, and the contract it keeps in the repository. */
final class LiveDocument {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LiveDocument() {
    }

    static JsonNode of(ServiceProcess service) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(text(service));
    }

    /** Writes the served document under target/ for a linter to read; answers its path. */
    static Path save(ServiceProcess service, String name) throws IOException, InterruptedException {
        Path file = Path.of("target", "openapi-" + name + ".json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(service));
        return file;
    }

    static JsonNode contract(Path root, String module) throws IOException {
        return new YAMLMapper().readTree(root.resolve(module).resolve("src/main/resources/META-INF/openapi.yaml").toFile());
    }

    private static String text(ServiceProcess service) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/openapi?format=json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/q/openapi answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
