package netmon.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The toolkit's packages are kept out of C2 by a compiler directive added to the running JVM, read back
 * with the JVM's own listing of its directives ({@code Compiler.directives_print}).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ToolkitCompilationTest {

    @Test
    void wantedUnlessThePropertySaysTrue() {
        assertTrue(ToolkitCompilation.wanted(null));
        assertTrue(ToolkitCompilation.wanted("false"));
        assertTrue(ToolkitCompilation.wanted("no"));
        assertFalse(ToolkitCompilation.wanted("true"));
        assertFalse(ToolkitCompilation.wanted("TRUE"));
    }

    @Test
    void theDirectiveIsAddedToTheRunningJvmAndExcludesTheToolkitFromC2() {
        try {
            assertTrue(ToolkitCompilation.keepToolkitOutOfC2(), "the JVM reports the directive added");
            String listing = ToolkitCompilation.diagnosticCommand("compilerDirectivesPrint").orElseThrow();
            for (String pattern : new String[] {"javafx/*.*", "com/sun/javafx/*.*", "com/sun/prism/*.*",
                "com/sun/marlin/*.*", "com/sun/glass/*.*", "atlantafx/*.*", "org/controlsfx/*.*"}) {
                assertTrue(listing.contains(pattern), pattern + " in " + listing);
            }
            String c2 = listing.substring(listing.indexOf("javafx/*.*"));
            c2 = c2.substring(c2.indexOf("c2 directives:"));
            assertTrue(c2.contains("Exclude:true"), c2);
        } finally {
            // This test JVM keeps its default directives for the tests that follow.
            ToolkitCompilation.diagnosticCommand("compilerDirectivesRemove");
        }
    }
}
