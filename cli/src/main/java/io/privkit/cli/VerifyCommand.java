package io.privkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.report.BundleVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code privkit verify BUNDLE}: checks a signed evidence bundle's signatures, digests and log. */
@Command(name = "verify", header = "Verify a signed evidence bundle: signatures, every file's SHA-256, the records, the evidence log and its proofs.",
        description = {"",
            "Prints one line per problem on standard error, each naming the file. Writes nothing.",
            "A bundle re-signed with another key is only caught against the key id you expect: pass --key-id with the id recorded",
            "in the DPIA. Without Privkit, follow the bundle's VERIFY.md (sha256sum and openssl only).", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The bundle verifies.", "2:No such folder, or an invalid option.",
            "4:A file exists but cannot be read.", "6:A signature, digest or proof does not verify, or the key is not the expected one."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle folder.")
    Path bundle;

    @Option(names = "--key-id", paramLabel = "HEX", description = "The signer key id you expect (64 hex characters, from the DPIA).")
    String keyId;

    @Option(names = "--previous", paramLabel = "BUNDLE", description = "An earlier bundle whose log checkpoint this bundle must extend.")
    Path previous;

    @CommandLine.Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BundleVerifier.Options options = BundleVerifier.Options.defaults();
        if (keyId != null) {
            options = options.withKeyId(keyId.strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (previous != null) {
            options = options.withPrevious(previous);
        }
        BundleVerifier.Result r = BundleVerifier.verify(bundle, options);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (BundleVerifier.Problem p : r.problems()) {
            err.println("privkit: " + bundle.resolve(p.path()) + ": " + p.message());
        }
        ExitCode code = r.ok() ? ExitCode.OK : r.anyUnreadable() ? ExitCode.IO_ERROR : ExitCode.INTEGRITY_ERROR;
        if (output.json()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("bundle", bundle.toString());
            o.put("valid", r.ok());
            o.put("keyId", r.keyId());
            o.put("keyPinned", r.keyPinned());
            if (r.checkpoint() != null) {
                o.put("checkpoint", r.checkpoint().anchorLine());
            }
            ArrayNode problems = o.putArray("problems");
            r.problems().forEach(p -> problems.addObject().put("path", p.path()).put("message", p.message()));
            out.print(new String(CanonicalJson.write(o), StandardCharsets.UTF_8));
        } else if (r.ok()) {
            out.println("verified: " + bundle + " (every file matches the Ed25519-signed statement; log of " + r.checkpoint().size()
                    + " entries matches its signed checkpoint)");
            out.println("signer key id: " + r.keyId() + (r.keyPinned() ? " (the expected key)"
                    : " (compare it with the key id recorded in the DPIA, or pass --key-id)"));
            out.println("checkpoint: " + r.checkpoint().origin() + " " + r.checkpoint().size() + " "
                    + Base64.getEncoder().encodeToString(r.checkpoint().root().toBytes()));
        }
        out.flush();
        err.flush();
        return code.code();
    }
}
