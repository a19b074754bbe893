package io.alexandria.testserver;

import io.alexandria.qdrant.LocalQdrant;

/**
 * The Qdrant contract against the local index, closed cleanly and reopened from its folder before
 * every read-back of the tests: what was acknowledged must all be there, indexes included.
 */
class ReopenedLocalQdrantContractTest extends LocalQdrantContractTest {
    @Override
    protected void reopen() throws Exception {
        client.close();
        server.close();
        server = LocalQdrant.open(folder);
        client = clientOf(server);
    }
}
