package io.privkit.cli;

import io.privkit.common.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code privkit --version}: the Privkit version, the jar digest when run from a jar, and the Java runtime. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String digest = BuildInfo.codeDigest(VersionProvider.class).map(d -> "jar sha256 " + d.hex()).orElse("development build");
        return new String[] {
            "privkit " + BuildInfo.version() + " (" + digest + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
