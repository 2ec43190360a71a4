package netmon.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each of the module's stylesheets has a binary stylesheet beside it (built by the build, see ui/pom.xml), and
 * that binary holds the same rules as the text: JavaFX's StyleManager loads the .bss instead of the .css.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BinaryStylesheetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/netmon/ui/view/netmon", "/netmon/ui/traffic/traffic", "/netmon/ui/deferreds/deferreds"})
    void theBinaryBesideEachStylesheetHoldsTheSameRules(String name) throws Exception {
        URL css = BinaryStylesheetsTest.class.getResource(name + ".css");
        URL bss = BinaryStylesheetsTest.class.getResource(name + ".bss");
        assertNotNull(css, name + ".css");
        assertNotNull(bss, name + ".bss is built beside " + name + ".css");
        Stylesheet text = new CssParser().parse(css);
        Stylesheet binary = Stylesheet.loadBinary(bss);
        assertNotNull(binary, "the .bss loads");
        assertFalse(text.getRules().isEmpty());
        assertEquals(describe(text.getRules()), describe(binary.getRules()));
    }

    private static List<String> describe(List<Rule> rules) {
        return rules.stream().map(r -> r.getSelectors() + " " + r.getDeclarations()).toList();
    }
}
