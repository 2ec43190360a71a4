package netmon.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds many idle TCP connections open against an echo server and checks every one still echoes: the
 * issue's "N concurrent idle connections" measurement, with the server's memory per connection.
 *
 * <p>Connections are spread over several source addresses (127.0.0.2, 127.0.0.3, ...) so their count is
 * not capped by one address's ephemeral port range. Each counts as open once it has echoed one byte;
 * after an idle pause each sends 16 bytes and must get them back. With {@code --server-pid} the
 * server's resident set (VmRSS) is read before the first connection and once all are open and idle.
 *
 * <p>Run without building: {@code java bench/src/main/java/netmon/bench/IdleConnections.java --port P
 * --count 19000 --sources 8 --server-pid PID}. Prints one JSON line. Not a test: never run by the build.
 */
public final class IdleConnections {
    private IdleConnections() {}

    private static final class Conn {
        final SocketChannel ch;
        final ByteBuffer in = ByteBuffer.allocate(16);
        int phase; // 0 connecting, 1 waiting for the first byte, 2 idle, 3 checking, 4 checked
        Conn(SocketChannel ch) { this.ch = ch; }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        String host = o.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(o.get("port"));
        int count = Integer.parseInt(o.getOrDefault("count", "19000"));
        int sources = Integer.parseInt(o.getOrDefault("sources", "8"));
        int parallel = Integer.parseInt(o.getOrDefault("parallel", "64"));
        double idle = Double.parseDouble(o.getOrDefault("idle", "5"));
        long deadlineMs = Long.parseLong(o.getOrDefault("timeout-ms", "240000"));
        long pid = Long.parseLong(o.getOrDefault("server-pid", "0"));

        long rss0 = rssKb(pid);
        InetSocketAddress target = new InetSocketAddress(host, port);
        List<Conn> conns = new ArrayList<>(count);
        int errors = 0;
        int started = 0;
        int inFlight = 0;
        int open = 0;
        long t0 = System.nanoTime();
        long end = System.currentTimeMillis() + deadlineMs;
        ByteBuffer one = ByteBuffer.allocate(1);
        try (Selector sel = Selector.open()) {
            while (open + errors < count && System.currentTimeMillis() < end) {
                while (inFlight < parallel && started < count) {
                    SocketChannel ch = SocketChannel.open();
                    ch.bind(new InetSocketAddress("127.0.0." + (2 + started % sources), 0));
                    ch.configureBlocking(false);
                    Conn c = new Conn(ch);
                    conns.add(c);
                    started++;
                    inFlight++;
                    if (ch.connect(target)) {
                        sendFirst(c, one);
                        ch.register(sel, SelectionKey.OP_READ, c);
                    } else {
                        ch.register(sel, SelectionKey.OP_CONNECT, c);
                    }
                }
                sel.select(1000);
                for (SelectionKey k : sel.selectedKeys()) {
                    Conn c = (Conn) k.attachment();
                    try {
                        if (k.isConnectable()) {
                            c.ch.finishConnect();
                            sendFirst(c, one);
                            k.interestOps(SelectionKey.OP_READ);
                        } else if (k.isReadable()) {
                            c.in.clear().limit(1);
                            int n = c.ch.read(c.in);
                            if (n < 0) throw new IOException("EOF before the first echo");
                            if (n == 1) {
                                c.phase = 2;
                                k.interestOps(0);
                                open++;
                                inFlight--;
                            }
                        }
                    } catch (IOException e) {
                        errors++;
                        inFlight--;
                        k.cancel();
                        c.ch.close();
                        c.phase = -1;
                    }
                }
                sel.selectedKeys().clear();
            }
            long openMs = (System.nanoTime() - t0) / 1_000_000;

            Thread.sleep((long) (idle * 1000));
            long rss1 = rssKb(pid);

            // Every idle connection sends 16 bytes and must get the same 16 back.
            byte[] probe = "0123456789abcdef".getBytes();
            long t1 = System.nanoTime();
            int checking = 0;
            for (Conn c : conns) {
                if (c.phase != 2) continue;
                try {
                    c.ch.write(ByteBuffer.wrap(probe));
                    c.in.clear();
                    c.phase = 3;
                    c.ch.keyFor(sel).interestOps(SelectionKey.OP_READ);
                    checking++;
                } catch (IOException e) {
                    c.phase = -1;
                }
            }
            int echoing = 0;
            while (checking > 0 && System.currentTimeMillis() < end) {
                sel.select(1000);
                for (SelectionKey k : sel.selectedKeys()) {
                    Conn c = (Conn) k.attachment();
                    try {
                        int n = c.ch.read(c.in);
                        if (n < 0) throw new IOException("EOF");
                        if (!c.in.hasRemaining()) {
                            boolean same = java.util.Arrays.equals(c.in.array(), probe);
                            c.phase = 4;
                            k.interestOps(0);
                            checking--;
                            if (same) echoing++;
                        }
                    } catch (IOException e) {
                        c.phase = -1;
                        checking--;
                        k.cancel();
                    }
                }
                sel.selectedKeys().clear();
            }
            long checkMs = (System.nanoTime() - t1) / 1_000_000;
            long rss2 = rssKb(pid);
            for (Conn c : conns) c.ch.close();
            long per = open > 0 && rss0 > 0 ? (rss1 - rss0) * 1024 / open : -1;
            System.out.printf("{\"mode\":\"idle-conns-multi\",\"ok\":%b,\"requested\":%d,\"open\":%d,\"still_echoing\":%d,"
                            + "\"errors\":%d,\"sources\":%d,\"open_ms\":%d,\"check_ms\":%d,\"server_rss0_kb\":%d,"
                            + "\"server_rss_idle_kb\":%d,\"server_rss_after_check_kb\":%d,\"rss_bytes_per_conn\":%d}%n",
                    echoing == count, count, open, echoing, errors, sources, openMs, checkMs, rss0, rss1, rss2, per);
        }
    }

    private static void sendFirst(Conn c, ByteBuffer one) throws IOException {
        one.clear();
        one.put((byte) 'x').flip();
        c.ch.write(one);
        c.phase = 1;
    }

    private static long rssKb(long pid) throws IOException {
        if (pid <= 0) return -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
