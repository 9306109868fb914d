package cn.finalaccounts.support.instance;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's name among the service's instances, as recorded where instances share work (the holder of a
 * rebuild, the outbox relay's turn). The host and the HTTP port unless {@code fa.instance.id} says otherwise: stable
 * across the instance's restarts, so one that died holding a rebuild takes it back at once when it starts again.
 */
@ApplicationScoped
public class ServiceInstance {
    @ConfigProperty(name = "fa.instance.id")
    Optional<String> configured;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    private volatile String id;

    public String id() {
        if (id == null) {
            id = configured.filter(s -> !s.isBlank()).orElseGet(() -> host() + ":" + port);
        }
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
