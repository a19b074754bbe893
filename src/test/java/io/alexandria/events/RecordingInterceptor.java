package io.alexandria.events;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every request message a client sends, so tests can check what was asked of Qdrant. */
public final class RecordingInterceptor implements ClientInterceptor {
    private final List<Object> requests = new CopyOnWriteArrayList<>();

    /** A client to {@code 127.0.0.1:port} whose requests this interceptor records. */
    public QdrantClient client(int port) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().intercept(this)
                .build();
        return new QdrantClient(QdrantGrpcClient.newBuilder(channel, true, false).build());
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void sendMessage(Q message) {
                requests.add(message);
                super.sendMessage(message);
            }
        };
    }

    /** The recorded requests of one message type, in order. */
    public <T> List<T> of(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets what was recorded. */
    public void clear() {
        requests.clear();
    }
}
