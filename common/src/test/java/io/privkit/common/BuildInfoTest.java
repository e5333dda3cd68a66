package io.privkit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void version_filteredFromBuild() {
        String v = BuildInfo.version();
        assertFalse(v.contains("${"), v);
        assertTrue(v.matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), v);
    }

    @Test
    void codeDigest_classesFolder_empty_jar_present() {
        // Test classes load from a folder: no single digest.
        assertTrue(BuildInfo.codeDigest(BuildInfoTest.class).isEmpty());
        // JUnit loads from a jar: a digest, computed once and cached.
        var d = BuildInfo.codeDigest(Test.class);
        assertTrue(d.isPresent());
        assertEquals(d, BuildInfo.codeDigest(Test.class));
    }
}
