package io.privkit.evidence.log;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.schema.Doc;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A transparency-log checkpoint in the C2SP {@code tlog-checkpoint} format: the text
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size, decimal&gt;
 * &lt;root hash, standard base64&gt;
 * </pre>
 *
 * signed as a {@link SignedNote}. The origin names the log uniquely; the size and root commit to
 * every entry. Copying the checkpoint's line into the DPIA document anchors the evidence: any later
 * rewrite of the log up to that size changes the root, and a later checkpoint must come with a
 * consistency proof from this one.
 *
 * @param origin the log's unique name, a URL-like string without scheme
 * @param size   the number of entries committed
 * @param root   the RFC 6962 tree head over them
 */
@Doc("A C2SP checkpoint of the evidence log: origin, size and root hash.")
public record Checkpoint(
        @Doc("The log's unique name.") String origin,
        @Doc("Number of entries committed.") long size,
        @Doc("RFC 6962 tree head over the entries, hex SHA-256.") Sha256 root) {

    public Checkpoint {
        Checks.requireNonBlank(origin, "checkpoint.origin");
        if (origin.contains("\n")) {
            throw Checks.argument("checkpoint.origin").mustBe("one line").got(origin).noFix().exception();
        }
        Checks.requireNonNegative(size, "checkpoint.size");
        Checks.requireNonNull(root, "checkpoint.root");
    }

    /** The checkpoint text that is signed. */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root.toBytes()) + "\n";
    }

    /** The one line a DPIA author copies: origin, size and root. */
    public String anchorLine() {
        return origin + " " + size + " " + Base64.getEncoder().encodeToString(root.toBytes());
    }

    /**
     * Parses checkpoint text (the signed body, without signatures).
     *
     * @throws IllegalArgumentException if it is not a checkpoint
     */
    public static Checkpoint parse(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        IllegalArgumentException bad = Checks.argument("checkpoint").mustBe("three lines: origin, size, base64 root hash")
                .got(body.length() > 200 ? body.substring(0, 200) : body).fix("Use the log/checkpoint file as written.").exception();
        if (lines.size() < 4 || !lines.get(lines.size() - 1).isEmpty()) {
            throw bad;
        }
        try {
            long size = Long.parseLong(lines.get(1));
            if (!lines.get(1).equals(Long.toString(size))) {
                throw bad;
            }
            byte[] root = Base64.getDecoder().decode(lines.get(2));
            return new Checkpoint(lines.get(0), size, Sha256.fromBytes(root));
        } catch (IllegalArgumentException e) {
            throw bad;
        }
    }
}
