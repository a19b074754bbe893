package io.alexandria.qdrant;

/** Matching of user-given RPC names against full gRPC method names. */
final class RpcNames {
    private RpcNames() {
    }

    /**
     * True when {@code rpc} names {@code fullMethodName} ({@code "qdrant.Points/Upsert"}): equal, or
     * equal to its {@code "Points/Upsert"} or {@code "Upsert"} suffix.
     */
    static boolean matches(String fullMethodName, String rpc) {
        return fullMethodName.equals(rpc) || fullMethodName.endsWith("." + rpc) || fullMethodName.endsWith("/" + rpc);
    }
}
