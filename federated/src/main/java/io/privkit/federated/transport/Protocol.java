package io.privkit.federated.transport;

/**
 * The wire protocol's identity: {@code privkit.federated.v1} over gRPC (HTTP/2). Its messages are
 * defined in {@code privkit/federated/v1/fleet.proto}; within v1 changes are additive only and field
 * numbers are never reused. A coordinator refuses a client that speaks another major version,
 * naming both versions.
 */
public final class Protocol {
    /** The protocol's major version. */
    public static final int VERSION = 1;

    /** The protocol's name and version, as evidence records state it. */
    public static final String NAME = "grpc privkit.federated.v1";

    private Protocol() {
    }
}
