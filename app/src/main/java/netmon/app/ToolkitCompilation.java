package netmon.app;

import com.sun.management.DiagnosticCommandMBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the UI toolkit's code (JavaFX, Prism, Marlin, Glass, AtlantaFX, ControlsFX) out of the C2 compiler,
 * so it runs as C1-compiled code. A window under load keeps C2 busy for more than a minute with toolkit
 * methods (hundreds of CSS, layout and rendering methods reach C2's thresholds one after another), and
 * on a busy core that compiler takes the CPU from the reactor; C1 compiles the same code in a fraction of
 * the time, and the window's code is not where the throughput is. netmon's own classes and the JDK's (the
 * engine, NIO) still go to C2.
 *
 * <p>The compiler directive is added at run time through the JVM's {@code DiagnosticCommand} MBean
 * ({@code jcmd PID Compiler.directives_add}), so it works with any launcher and needs no JVM option. Off
 * with {@code -Dnetmon.toolkitC2=true}. A JVM without that MBean (not HotSpot) keeps its default; the
 * failure is logged at debug level.
 */
final class ToolkitCompilation {
    /** System property: {@code true} lets the toolkit's code reach C2 as usual. */
    static final String PROPERTY = "netmon.toolkitC2";
    /** The compiler directive (HotSpot's JSON-like syntax); a class pattern ending in {@code *} covers sub-packages. */
    static final String DIRECTIVE = """
            [ { match: ["javafx/*.*", "com/sun/javafx/*.*", "com/sun/prism/*.*", "com/sun/marlin/*.*",
                        "com/sun/glass/*.*", "com/sun/scenario/*.*", "atlantafx/*.*", "org/controlsfx/*.*"],
                c2: { Exclude: true } } ]
            """;
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    private static final Logger log = LoggerFactory.getLogger(ToolkitCompilation.class);

    private ToolkitCompilation() {}

    /** Whether the property asks for the directive: anything but {@code true} does. */
    static boolean wanted(String propertyValue) {
        return !Boolean.parseBoolean(propertyValue);
    }

    /**
     * Adds {@link #DIRECTIVE} to the running JVM's compiler directives. Returns whether the JVM reported
     * it added. Call before the toolkit's code gets hot: what C2 has already compiled stays compiled.
     */
    static boolean keepToolkitOutOfC2() {
        Path file = null;
        try {
            file = Files.createTempFile("netmon-compiler-", ".json");
            Files.writeString(file, DIRECTIVE);
            String reply = diagnosticCommand("compilerDirectivesAdd", file.toString()).orElse("");
            boolean added = reply.contains("1 compiler directives added");
            if (!added) log.debug("compiler directive not added: {}", reply.strip());
            return added;
        } catch (IOException e) {
            log.debug("compiler directive not added: {}", e.toString());
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", file, e.toString());
                }
            }
        }
    }

    /** Runs one operation of the DiagnosticCommand MBean with the given arguments; empty if there is none. */
    static Optional<String> diagnosticCommand(String operation, String... args) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(DIAGNOSTIC_COMMAND);
            // Naming the type (module jdk.management) also tells jdeps, and so the installer's jlink, that
            // the runtime needs that module: without it the MBean is not there.
            if (!server.isRegistered(name) || !server.isInstanceOf(name, DiagnosticCommandMBean.class.getName())) {
                log.debug("no HotSpot DiagnosticCommand MBean in this JVM");
                return Optional.empty();
            }
            Object reply = server.invoke(name, operation,
                    new Object[] {args}, new String[] {String[].class.getName()});
            return Optional.of(String.valueOf(reply));
        } catch (JMException | RuntimeException e) {
            log.debug("{} failed: {}", operation, e.toString());
            return Optional.empty();
        }
    }
}
