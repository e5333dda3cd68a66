package io.privkit.federated.transport;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.privkit.common.Checks;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is calling: the coordinator's gate in front of every RPC.
 *
 * <p>Under mutual TLS the identity is the common name of the client certificate the TLS handshake
 * already verified against the federation CA; under plaintext it is the
 * {@value #PLAINTEXT_HEADER} request header (an unauthenticated claim, loopback only). Either way a
 * caller not on the {@link AllowList} is refused with {@code PERMISSION_DENIED} before any handler
 * runs, and handlers read the authenticated identity from {@link #current()}; a request never
 * names its own sender.
 *
 * <p>Thread-safe and stateless apart from the immutable allow-list.
 */
public final class ClientIdentity implements ServerInterceptor {
    /** The request header that carries a client's claimed identity in plaintext mode. */
    public static final String PLAINTEXT_HEADER = "privkit-client-id";

    static final Metadata.Key<String> HEADER = Metadata.Key.of(PLAINTEXT_HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> IDENTITY = Context.key("privkit-client-identity");

    private final AllowList allowList;
    private final boolean requireTls;

    /** A gate admitting the listed identities; {@code security} says where identities come from. */
    public ClientIdentity(AllowList allowList, TransportSecurity security) {
        this.allowList = Checks.requireNonNull(allowList, "allowList");
        this.requireTls = Checks.requireNonNull(security, "security") instanceof TransportSecurity.MutualTls;
    }

    /** The authenticated identity of the current call; fails outside a call this gate admitted. */
    public static String current() {
        String id = IDENTITY.get();
        if (id == null) {
            throw new IllegalStateException("no authenticated client identity in this context");
        }
        return id;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String id;
        if (requireTls) {
            SSLSession ssl = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            if (ssl == null) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("a client certificate is required (mutual TLS)"));
            }
            try {
                Certificate[] chain = ssl.getPeerCertificates();
                if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
                    return refuse(call, Status.UNAUTHENTICATED.withDescription("no X.509 client certificate"));
                }
                id = FederationPki.commonName(x);
            } catch (SSLPeerUnverifiedException | IllegalArgumentException e) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("client certificate not usable: " + e.getMessage()));
            }
        } else {
            id = headers.get(HEADER);
            if (id == null) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("missing " + PLAINTEXT_HEADER + " header"));
            }
        }
        if (!allowList.allows(id)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("client identity '" + id
                    + "' is not on the federation's allow-list; add it to the coordinator's allowlist.txt"));
        }
        Context ctx = Context.current().withValue(IDENTITY, id);
        return Contexts.interceptCall(ctx, call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
