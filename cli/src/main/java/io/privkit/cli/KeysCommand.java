package io.privkit.cli;

import io.privkit.evidence.sign.Ed25519Signer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code privkit keys}: signing keys for evidence bundles. */
@Command(name = "keys", header = "Create the Ed25519 key that signs evidence bundles.",
        commandListHeading = "%nCommands:%n",
        subcommands = KeysCommand.Create.class)
public final class KeysCommand implements Runnable {
    @Mixin
    HelpOption help;

    /** The environment variable holding a key passphrase. */
    static final String PASSPHRASE_ENV = "PRIVKIT_KEY_PASSPHRASE";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The passphrase from a file (first line) or the environment, if either is given. */
    static Optional<char[]> passphrase(Path file) throws IOException {
        if (file != null) {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return Optional.of((nl < 0 ? text : text.substring(0, nl)).toCharArray());
        }
        String env = System.getenv(PASSPHRASE_ENV);
        return env == null || env.isEmpty() ? Optional.empty() : Optional.of(env.toCharArray());
    }

    /** Loads a signing key, with a clear message when the file is missing. */
    static Ed25519Signer load(Path key, Path passphraseFile) throws IOException {
        if (!Files.exists(key)) {
            throw new CliException(ExitCode.BAD_INPUT, key + ": no such signing key. Create one with 'privkit keys create --out "
                    + key + "', or omit --key to sign with a one-off key.");
        }
        return Ed25519Signer.load(key, passphrase(passphraseFile));
    }

    /** {@code privkit keys create}. */
    @Command(name = "create", header = "Create an Ed25519 signing key (PKCS#8 PEM) and its public key (<name>.pub.pem).",
            description = {"",
                "The private key is encrypted (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) when a passphrase is given with",
                "--passphrase-file or the PRIVKIT_KEY_PASSPHRASE environment variable. Keep it with the DPIA owner;",
                "publish the key id (printed) in the DPIA so reviewers can check bundles were signed with it.", ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Created.", "2:A file already exists at --out, or the passphrase is too short.", "4:It cannot be written."})
    static final class Create implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "privkit-signing.pem",
                description = "Private key file (default: ${DEFAULT-VALUE}); the public key goes next to it as <name>.pub.pem.")
        Path out;

        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Encrypt the key with the passphrase on this file's first line.")
        Path passphraseFile;

        @CommandLine.Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Optional<char[]> pass = passphrase(passphraseFile);
            SecureRandom random = new SecureRandom();
            Ed25519Signer s = Ed25519Signer.generate(random);
            Path pub = s.writeKeyFiles(out, pass, random);
            PrintWriter o = spec.commandLine().getOut();
            if (output.json()) {
                o.println("{\"privateKey\": \"" + out + "\", \"publicKey\": \"" + pub + "\", \"keyId\": \"" + s.keyId()
                        + "\", \"encrypted\": " + pass.isPresent() + "}");
            } else {
                o.println("Private key: " + out + (pass.isPresent() ? " (encrypted)" : " (NOT encrypted: pass --passphrase-file or set "
                        + PASSPHRASE_ENV + " to encrypt it)"));
                o.println("Public key:  " + pub);
                o.println("Key id:      " + s.keyId());
                o.println("Record the key id in the DPIA: 'privkit verify BUNDLE --key-id " + s.keyId() + "' checks a bundle was signed with this key.");
            }
            o.flush();
            return ExitCode.OK.code();
        }
    }
}
