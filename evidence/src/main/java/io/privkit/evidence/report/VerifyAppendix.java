package io.privkit.evidence.report;

import io.privkit.evidence.log.Checkpoint;

/**
 * The verification appendix: how a reviewer checks a bundle with {@code sha256sum} and
 * {@code openssl} alone, without Privkit. Written into the bundle as {@code VERIFY.md} and printed
 * at the end of the HTML and PDF reports. A test runs {@link #script()} with the real binaries on a
 * good bundle and on tampered ones.
 *
 * <p>The recipe: (1) the public key's id matches the one recorded in the DPIA; (2) the Ed25519
 * signature over the DSSE pre-authentication encoding of the in-toto statement is valid; (3) the
 * envelope carries that statement; (4) the signed statement lists the digests of
 * {@code SHA256SUMS} and {@code manifest.json}, and every file matches {@code SHA256SUMS}; (5) the
 * log checkpoint is signed by the same key.
 */
public final class VerifyAppendix {
    /** The appendix's path in a bundle. */
    public static final String PATH = "VERIFY.md";

    private VerifyAppendix() {
    }

    /** A POSIX shell script (run inside the bundle folder) that exits non-zero on any failure. */
    public static String script() {
        return """
                set -eu
                t=$(mktemp -d)
                # 1. The signer's key id: compare it with the one recorded in the DPIA.
                openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum | cut -c1-64
                # 2. The signature over the in-toto statement (DSSE pre-authentication encoding).
                type='application/vnd.in-toto+json'
                printf 'DSSEv1 %d %s %d ' "${#type}" "$type" "$(wc -c < attestation/statement.intoto.json)" > "$t/pae"
                cat attestation/statement.intoto.json >> "$t/pae"
                grep -o '"sig": "[^"]*"' attestation/statement.dsse.json | cut -d'"' -f4 | openssl base64 -d -A > "$t/sig"
                openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in "$t/pae" -sigfile "$t/sig"
                # 3. The envelope carries exactly this statement.
                grep -o '"payload": "[^"]*"' attestation/statement.dsse.json | cut -d'"' -f4 | openssl base64 -d -A > "$t/payload"
                cmp "$t/payload" attestation/statement.intoto.json
                # 4. SHA256SUMS and manifest.json are the ones signed, and every file matches SHA256SUMS.
                grep -q "\\"sha256\\": \\"$(sha256sum SHA256SUMS | cut -c1-64)\\"" attestation/statement.intoto.json
                grep -q "\\"sha256\\": \\"$(sha256sum manifest.json | cut -c1-64)\\"" attestation/statement.intoto.json
                sha256sum --quiet -c SHA256SUMS
                # 5. The evidence-log checkpoint is signed by the same key.
                head -n 3 log/checkpoint > "$t/checkpoint"
                tail -n 1 log/checkpoint | cut -d' ' -f3 | openssl base64 -d -A | tail -c 64 > "$t/checkpoint.sig"
                openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in "$t/checkpoint" -sigfile "$t/checkpoint.sig"
                rm -rf "$t"
                echo "bundle verified"
                """;
    }

    /** The appendix as Markdown, for a bundle signed by {@code keyId} with log checkpoint {@code checkpoint}. */
    public static String markdown(String keyId, Checkpoint checkpoint) {
        return "# Verifying this bundle without Privkit\n\n"
                + "Everything below uses `sha256sum` (GNU coreutils) and `openssl` (3.0 or newer) only. Run it from inside the "
                + "bundle folder with a POSIX shell; it stops at the first failure and prints `bundle verified` at the end.\n\n"
                + "What it checks: the signer's public key is the one you expect; the Ed25519 signature over the in-toto "
                + "statement (a DSSE envelope) is valid; that statement lists the SHA-256 of `SHA256SUMS` and `manifest.json`; "
                + "every file matches `SHA256SUMS`; and the evidence-log checkpoint is signed by the same key.\n\n"
                + "**Expected signer key id** (SHA-256 of the public key; the first line the script prints must equal it, and "
                + "it must equal the key id recorded in your DPIA or given to you by the DPO):\n\n```\n" + keyId + "\n```\n\n"
                + "**Evidence-log checkpoint** (origin, size, root; copy this line into the DPIA so any later rewrite of the log "
                + "is detectable):\n\n```\n" + checkpoint.anchorLine() + "\n```\n\n"
                + "**The script:**\n\n```sh\n" + script() + "```\n\n"
                + "`openssl pkeyutl` prints `Signature Verified Successfully` twice. With Privkit, `privkit verify <bundle> "
                + "--key-id " + keyId + "` runs the same checks and more: every record against its published schema, every "
                + "record's own DSSE envelope, the log's hash chain, Merkle root and inclusion proofs, and (with `--previous`) the "
                + "consistency proof from an earlier bundle's checkpoint.\n\n"
                + "What a valid result shows: nobody without the signing key changed, added or removed a signed file since the "
                + "bundle was signed. What it does not show: that the evidence's inputs were truthful, or when it was made.\n";
    }
}
