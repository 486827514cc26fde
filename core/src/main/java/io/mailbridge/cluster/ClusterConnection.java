package io.mailbridge.cluster;

/**
 * Whether this node's connection to the cluster holds, where the cluster service tells more than its elections do:
 * a lost bucket must stop as soon as the connection is in doubt, before another node can be elected.
 */
interface ClusterConnection {

    /** For cluster services whose views end leadership on time by themselves (a Kubernetes Lease's renew deadline). */
    ClusterConnection ELECTIONS_ONLY = new ClusterConnection() {
        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void start(Runnable onChange) {
        }

        @Override
        public void close() {
        }
    };

    boolean isConnected();

    /** Starts following the connection; {@code onChange} runs at each change. */
    void start(Runnable onChange);

    void close();
}
