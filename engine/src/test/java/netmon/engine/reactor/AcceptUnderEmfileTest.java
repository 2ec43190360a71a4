package netmon.engine.reactor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 82: the listener survives running out of file descriptors. Runs an echo server in a child JVM
 * whose descriptor limit is tiny (bash {@code ulimit -n}), so it is slow-ish (a JVM start, ~2 s).
 */
@Timeout(30)
class AcceptUnderEmfileTest {

    @Test
    void listenerSurvivesRunningOutOfFileDescriptorsAndServesAgainOnceSomeAreFree() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "ulimit -n 48 && exec \"$0\" -Xshare:auto -XX:TieredStopAtLevel=1 -cp \"$1\" netmon.engine.reactor.EmfileServerMain",
                javaBin, cp);
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = br.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("port ")) port.complete(Integer.parseInt(line.substring(5).trim()));
                }
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("child ended: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        List<Socket> hogs = new ArrayList<>();
        try {
            int p = port.get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 80; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", p), 1000);
                    hogs.add(s);
                } catch (Exception e) {
                    s.close();
                }
            }
            long end = System.nanoTime() + 10_000_000_000L;
            while (output.stream().noneMatch(l -> l.contains("Too many open files")) && System.nanoTime() < end) Thread.sleep(20);
            assertTrue(output.stream().anyMatch(l -> l.contains("Too many open files")), "the child ran out of descriptors: " + output);
            assertTrue(child.isAlive(), "the server survived");
            Thread.sleep(500);
            long failures = output.stream().filter(l -> l.contains("pausing accepts")).count();
            // Paused 0.1 s between attempts: a handful per second, not a spin.
            assertTrue(failures < 100, "accept retried " + failures + " times: spinning");

            for (Socket s : hogs) s.close();
            hogs.clear();
            Thread.sleep(300);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 5000);
                s.setSoTimeout(10_000);
                s.getOutputStream().write("again".getBytes());
                assertEquals("again", new String(s.getInputStream().readNBytes(5)));
            }
        } finally {
            for (Socket s : hogs) s.close();
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
