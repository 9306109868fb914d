package cn.finalaccounts.e2e;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A java.net.http client whose every answer is held to the contract ({@link ContractAnswers}) before the caller
 * reads it: what the generated {@code native} clients are given ({@code ApiClient.setHttpClientBuilder}). The body
 * is read whole, checked, then handed to the caller's body handler as it arrived.
 */
final class NativeClientCheck extends HttpClient {
    private final HttpClient http;

    private NativeClientCheck(HttpClient http) {
        this.http = http;
    }

    /** A builder whose clients check: pass it to the generated ApiClient's setHttpClientBuilder. */
    static HttpClient.Builder builder() {
        HttpClient.Builder real = HttpClient.newBuilder();
        return (HttpClient.Builder) java.lang.reflect.Proxy.newProxyInstance(HttpClient.Builder.class.getClassLoader(),
                new Class<?>[] {HttpClient.Builder.class}, (proxy, method, args) -> {
                    if (method.getName().equals("build")) {
                        return new NativeClientCheck(real.build());
                    }
                    method.invoke(real, args);
                    return proxy;
                });
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        ContractAnswers.check(request.method(), request.uri(), answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(null), answer.body());
        return new Checked<>(answer, handOver(answer, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    /** The bytes already read, given to the caller's handler as if they had just arrived. */
    private static <T> T handOver(HttpResponse<byte[]> answer, HttpResponse.BodyHandler<T> handler) {
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return answer.statusCode();
            }

            @Override
            public HttpHeaders headers() {
                return answer.headers();
            }

            @Override
            public Version version() {
                return answer.version();
            }
        });
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        if (answer.body().length > 0) {
            subscriber.onNext(List.of(ByteBuffer.wrap(answer.body())));
        }
        subscriber.onComplete();
        return subscriber.getBody().toCompletableFuture().join();
    }

    private record Checked<T>(HttpResponse<byte[]> answer, T body) implements HttpResponse<T> {
        @Override
        public int statusCode() {
            return answer.statusCode();
        }

        @Override
        public HttpRequest request() {
            return answer.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return answer.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return answer.sslSession();
        }

        @Override
        public URI uri() {
            return answer.uri();
        }

        @Override
        public HttpClient.Version version() {
            return answer.version();
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return http.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return http.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return http.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return http.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return http.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return http.authenticator();
    }

    @Override
    public Version version() {
        return http.version();
    }

    @Override
    public Optional<Executor> executor() {
        return http.executor();
    }
}
