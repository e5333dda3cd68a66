package io.privkit.federated.client;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.TransportSecurity;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a {@link FederatedClient} reaches its coordinator. Build with {@link #builder()}.
 *
 * @param target      the coordinator's {@code host:port}
 * @param security    mutual TLS (default) or plaintext (loopback simulations)
 * @param identity    the client's identity: the certificate's common name under mutual TLS (checked
 *                    to match), the claimed identity in plaintext mode
 * @param maxOffline  how long the client keeps retrying an unreachable coordinator before giving up
 * @param clock       the clock
 * @param log         receives one line per event (task received, update sent, rejection...)
 */
public record ClientConfig(String target, TransportSecurity security, String identity, Duration maxOffline, Clock clock,
                           Consumer<String> log) {

    public ClientConfig {
        Checks.requireNonBlank(target, "target");
        Checks.requireNonNull(security, "security");
        AllowList.requireValidId(identity, "identity");
        Checks.requireNonNull(maxOffline, "maxOffline");
        Checks.requireNonNull(clock, "clock");
        Checks.requireNonNull(log, "log");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClientConfig}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private String target;
        private TransportSecurity security;
        private String identity;
        private Duration maxOffline = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private Consumer<String> log = s -> { };

        private Builder() {
        }

        public Builder target(String v) { this.target = v; return this; }
        public Builder target(String host, int port) { this.target = host + ":" + port; return this; }
        public Builder security(TransportSecurity v) { this.security = v; return this; }
        public Builder identity(String v) { this.identity = v; return this; }
        public Builder maxOffline(Duration v) { this.maxOffline = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder log(Consumer<String> v) { this.log = v; return this; }

        /** Validates and builds. Under mutual TLS the identity defaults to the certificate's common name. */
        public ClientConfig build() {
            Problems p = Problems.of("ClientConfig");
            p.check(target != null && target.matches("[^\\s:]+:\\d{1,5}"), () -> Checks.argument("target").mustBe("host:port").got(target)
                    .fix("Give the coordinator's address, e.g. localhost:50051."));
            p.check(security != null, () -> Checks.argument("security").mustBe("set").got(null)
                    .fix("Use TransportSecurity.MutualTls.clientFolder(dir) from 'privkit federated init'."));
            String id = identity;
            if (security instanceof TransportSecurity.MutualTls m) {
                String cn = m.identity();
                p.check(id == null || id.equals(cn), () -> Checks.argument("identity").mustBe("the certificate's common name '" + cn + "'")
                        .got(identity).fix("Leave the identity unset under mutual TLS."));
                id = cn;
            }
            String finalId = id;
            p.check(finalId != null, () -> Checks.argument("identity").mustBe("set in plaintext mode").got(null)
                    .fix("Name the client, e.g. 'site-1'."));
            p.check(maxOffline != null && !maxOffline.isNegative(), () -> Checks.argument("maxOffline").mustBe(">= 0").got(maxOffline)
                    .fix("Use e.g. 10 minutes."));
            p.throwIfAny();
            return new ClientConfig(target, security, finalId, maxOffline, clock, log);
        }
    }
}
