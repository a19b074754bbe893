package io.alexandria.qdrant;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Qdrant's gRPC api-key check ({@code src/tonic/auth.rs}, {@code src/common/auth.rs}): the key
 * comes from the {@code api-key} header or {@code authorization: Bearer KEY}; none is UNAUTHENTICATED
 * "Must provide an API key or an Authorization bearer token", a wrong one UNAUTHENTICATED "Invalid
 * API key or JWT". The health checks ({@code qdrant.Qdrant/HealthCheck},
 * {@code grpc.health.v1.Health/Check}) need no key.
 */
final class ApiKeyInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] expected;

    ApiKeyInterceptor(String apiKey) {
        this.expected = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (method.equals("qdrant.Qdrant/HealthCheck") || method.equals("grpc.health.v1.Health/Check")) {
            return next.startCall(call, headers);
        }
        String key = headers.get(API_KEY);
        if (key == null) {
            String auth = headers.get(AUTHORIZATION);
            if (auth != null && auth.startsWith("Bearer ")) {
                key = auth.substring("Bearer ".length());
            }
        }
        if (key == null) {
            return reject(call, "Must provide an API key or an Authorization bearer token");
        }
        if (!MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8))) {
            return reject(call, "Invalid API key or JWT");
        }
        return next.startCall(call, headers);
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, String message) {
        call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
