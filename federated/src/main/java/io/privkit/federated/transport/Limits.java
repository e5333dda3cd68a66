package io.privkit.federated.transport;

import io.privkit.common.Checks;
import java.time.Duration;

/**
 * Explicit resource limits of the transport, so no peer can exhaust the other's memory: the largest
 * chunk of an object stream (and so the largest gRPC message, plus a small envelope), the largest
 * object, and how long a long-poll is held.
 *
 * <p>An uploaded update must also have exactly the byte length its task implies (model size times
 * element width); {@link #maxObjectBytes()} is the absolute cap above that.
 *
 * @param maxChunkBytes  the largest chunk, in bytes (default 1 MiB)
 * @param maxObjectBytes the largest object, in bytes (default 2 GiB)
 * @param longPoll       how long a {@code PullTask} call may wait for a task (default 10 s)
 */
public record Limits(int maxChunkBytes, long maxObjectBytes, Duration longPoll) {

    /** Room for the message envelope around a chunk. */
    public static final int ENVELOPE_BYTES = 64 * 1024;

    public Limits {
        if (maxChunkBytes < 1024 || maxChunkBytes > 64 * 1024 * 1024) {
            throw Checks.argument("maxChunkBytes").mustBe("between 1 KiB and 64 MiB").got(maxChunkBytes)
                    .fix("Use the default of 1 MiB unless a network path needs smaller messages.").exception();
        }
        Checks.requirePositive(maxObjectBytes, "maxObjectBytes");
        Checks.requireNonNull(longPoll, "longPoll");
        if (longPoll.isNegative() || longPoll.isZero() || longPoll.compareTo(Duration.ofMinutes(5)) > 0) {
            throw Checks.argument("longPoll").mustBe("between 1 ms and 5 minutes").got(longPoll).fix("Use a few seconds.").exception();
        }
    }

    /** 1 MiB chunks, 2 GiB objects, 10 s long-polls. */
    public static Limits defaults() {
        return new Limits(1 << 20, 2L << 30, Duration.ofSeconds(10));
    }

    /** The same limits with another chunk size. */
    public Limits withMaxChunkBytes(int bytes) {
        return new Limits(bytes, maxObjectBytes, longPoll);
    }

    /** The same limits with another long-poll duration. */
    public Limits withLongPoll(Duration d) {
        return new Limits(maxChunkBytes, maxObjectBytes, d);
    }

    /** The largest gRPC message either side accepts. */
    public int maxMessageBytes() {
        return maxChunkBytes + ENVELOPE_BYTES;
    }
}
