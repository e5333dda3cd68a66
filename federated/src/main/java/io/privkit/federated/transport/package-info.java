/**
 * The wire: the versioned {@code privkit.federated.v1} gRPC protocol ({@code fleet.proto}, generated
 * into {@code transport.proto}), mutual TLS with a federation's own CA ({@link
 * io.privkit.federated.transport.FederationPki}, {@link io.privkit.federated.transport.TransportSecurity}),
 * the allow-list gate in front of every call ({@link io.privkit.federated.transport.ClientIdentity}),
 * and the explicit size limits ({@link io.privkit.federated.transport.Limits}).
 */
package io.privkit.federated.transport;
