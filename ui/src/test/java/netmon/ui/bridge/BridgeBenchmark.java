package netmon.ui.bridge;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import netmon.engine.monitor.CloseReason;
import netmon.engine.monitor.ConnectionInfo;
import netmon.engine.protocol.Address;
import netmon.ui.model.ConnectionsViewModel;
import netmon.ui.model.Dashboard;
import netmon.ui.model.ServicesViewModel;
import netmon.ui.model.StatusViewModel;
import netmon.ui.settings.Settings;
import netmon.ui.view.MainWindow;

/**
 * A benchmark, not a test: pushes {@code RATE} monitor events per second for {@code SECONDS} through the
 * bridge into the real window (TableView and all) with {@code CONNECTIONS} open connections, and reports
 * the FX thread's pulse figures, heap and bridge depth, and whether the final counts equal those sent.
 * Run headless: {@code java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp ... BridgeBenchmark}.
 */
public final class BridgeBenchmark {
    static final int CONNECTIONS = Integer.getInteger("connections", 10_000);
    static final int RATE = Integer.getInteger("rate", 100_000);
    static final int SECONDS = Integer.getInteger("seconds", 10);
    /** One connection closes and another opens every this many events (0: none). */
    static final int CHURN_EVERY = Integer.getInteger("churnEvery", 1000);
    /** A column to sort the table by, descending (e.g. {@code -Dsort=In}); none by default. */
    static final String SORT = System.getProperty("sort");
    static final long LISTENER = 1;

    public static void main(String[] args) throws Exception {
        FxEventBridge bridge = new FxEventBridge();
        Dashboard[] dash = new Dashboard[1];
        CountDownLatch shown = new CountDownLatch(1);
        long[] frameGaps = new long[SECONDS * 400];
        long[] frameCpu = new long[SECONDS * 400];
        // Wall time of each pulse's own work on the FX thread: from the pulse's timestamp (its start) to the
        // end of its layout pass (animation timers incl. the window's drain, CSS, layout). The wait for the
        // renderer before the next pulse is not in it; the interval between pulses is reported separately.
        long[] pulseWork = new long[SECONDS * 400];
        int[] workFrames = new int[1];
        long[] pulseStart = new long[1];
        int[] cpuFrames = new int[1];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] drainTimes = new long[SECONDS * 400];
        int[] frames = new int[1];
        int[] drains = new int[1];
        AtomicLong maxHeap = new AtomicLong();
        AtomicLong maxDepth = new AtomicLong();
        boolean[] recording = new boolean[1];
        javafx.scene.Parent[] stageRoot = new javafx.scene.Parent[1];
        PulseLog log = new PulseLog(SECONDS * 400);

        Platform.startup(() -> {
            Stage stage = new Stage();
            Dashboard d = new Dashboard(bridge, new ServicesViewModel(new NullEngine(), System::currentTimeMillis),
                    new ConnectionsViewModel(), new StatusViewModel());
            dash[0] = d;
            MainWindow w = new MainWindow(d, new NullEngine(), Settings.defaults(ServicesViewModel.defaults()).withWindow(1280, 800, 0, 0, false), null);
            // Started before the window's own pump, so it runs first in every pulse: the pulse log's CPU and
            // phases then include the window's drain.
            new AnimationTimer() {
                long last;
                long lastDrain;
                long lastCpu;

                @Override
                public void handle(long now) {
                    pulseStart[0] = now;
                    if (recording[0] && last != 0 && frames[0] < frameGaps.length) frameGaps[frames[0]++] = now - last;
                    last = now;
                    // CPU the FX thread spent since the previous pulse: the pulse's own work, whatever other
                    // processes on the machine take from the wall clock.
                    long cpu = threads.getCurrentThreadCpuTime();
                    if (recording[0] && lastCpu != 0 && cpuFrames[0] < frameCpu.length) frameCpu[cpuFrames[0]++] = cpu - lastCpu;
                    lastCpu = cpu;
                    long dn = d.lastDrainNanos();
                    if (recording[0] && dn != lastDrain && drains[0] < drainTimes.length) drainTimes[drains[0]++] = dn;
                    lastDrain = dn;
                    if (recording[0]) log.begin(now, cpu);
                }
            }.start();
            w.show(stage);
            stageRoot[0] = w.root();
            stage.getScene().addPreLayoutPulseListener(() -> {
                if (recording[0]) log.preLayout(System.nanoTime(), threads.getCurrentThreadCpuTime(), d.lastDrainNanos());
            });
            stage.getScene().addPostLayoutPulseListener(() -> {
                if (recording[0] && pulseStart[0] != 0 && workFrames[0] < pulseWork.length) {
                    pulseWork[workFrames[0]++] = System.nanoTime() - pulseStart[0];
                }
                if (recording[0]) log.postLayout(System.nanoTime(), threads.getCurrentThreadCpuTime());
            });
            log.watch(d);
            shown.countDown();
        });
        shown.await();

        Address host = new Address("TCP", "127.0.0.1", 7000);
        long[] sentIn = {0};
        long[] sentOut = {0};
        long events = 0;
        long nextId = 1;
        long[] live = new long[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            long id = nextId++;
            live[i] = id;
            bridge.connectionOpened(new ConnectionInfo(id, LISTENER, "echo", "tcp", new Address("TCP", "127.0.0.1", 10000 + i % 50000), host,
                    System.currentTimeMillis(), false));
            events++;
        }
        // Let the table take all the rows in (bounded) before measuring.
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < settle) {
            CountDownLatch asked = new CountDownLatch(1);
            int[] size = new int[1];
            Platform.runLater(() -> {
                size[0] = dash[0].connections().rows().size();
                asked.countDown();
            });
            asked.await(10, TimeUnit.SECONDS);
            if (size[0] >= CONNECTIONS) break;
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        // The pulse must include layout, CSS and rendering of a shown table holding the rows, not only model updates.
        CountDownLatch looked = new CountDownLatch(1);
        Platform.runLater(() -> {
            javafx.scene.control.TableView<?> table = (javafx.scene.control.TableView<?>) stageRoot[0].lookup(".connections-table");
            long shownRows = stageRoot[0].lookupAll(".table-row-cell").stream()
                    .filter(n -> n.isVisible() && !((javafx.scene.control.TableRow<?>) n).isEmpty()).count();
            double h = stageRoot[0].lookupAll(".table-row-cell").stream().mapToDouble(n -> ((javafx.scene.layout.Region) n).getHeight()).max().orElse(0);
            if (SORT != null) sortBy(table, SORT);
            System.out.printf(Locale.ROOT, "table: %,d items, %d columns, %d rows on screen (%.0f px high), window %.0fx%.0f, sorted by %s%n",
                    table.getItems().size(), table.getColumns().size(), shownRows, h,
                    stageRoot[0].getScene().getWidth(), stageRoot[0].getScene().getHeight(), table.getSortOrder().isEmpty() ? "nothing" : table.getSortOrder().get(0).getText());
            looked.countDown();
        });
        looked.await(10, TimeUnit.SECONDS);
        recording[0] = true;
        Random rnd = new Random(1);
        ByteBuffer[] sizes = new ByteBuffer[1500];
        for (int i = 0; i < sizes.length; i++) sizes[i] = ByteBuffer.allocate(i);
        long start = System.nanoTime();
        long total = (long) RATE * SECONDS;
        long churned = 0;
        for (long k = 0; k < total; k++) {
            if (k % 100 == 0) {
                // Pace: k events should have gone by start + k / RATE seconds.
                long due = start + k * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                Runtime rt = Runtime.getRuntime();
                if (k % 100_000 == 0) {
                    maxHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                }
                maxDepth.accumulateAndGet(bridge.pendingDepth(), Math::max);
            }
            int slot = rnd.nextInt(CONNECTIONS);
            long id = live[slot];
            if (CHURN_EVERY > 0 && k % CHURN_EVERY == CHURN_EVERY - 1) {
                // Churn: one connection closes and another opens in its slot (100 a second at 100k events/s).
                bridge.connectionClosed(id, CloseReason.DONE, null);
                long nid = nextId++;
                live[slot] = nid;
                bridge.connectionOpened(new ConnectionInfo(nid, LISTENER, "echo", "tcp", new Address("TCP", "127.0.0.1", 10000 + (int) (nid % 50000)),
                        host, System.currentTimeMillis(), false));
                churned++;
                k++;
                continue;
            }
            ByteBuffer b = sizes[rnd.nextInt(sizes.length)];
            if ((k & 1) == 0) {
                bridge.bytesReceived(id, b);
                sentIn[0] += b.remaining();
            } else {
                bridge.bytesSent(id, b);
                sentOut[0] += b.remaining();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Thread.sleep(500);
        recording[0] = false;
        CountDownLatch checked = new CountDownLatch(1);
        long[] shownIn = new long[1], shownOut = new long[1], svcIn = new long[1], svcOut = new long[1];
        int[] rows = new int[1];
        Platform.runLater(() -> {
            dash[0].drainNow(System.currentTimeMillis());
            shownIn[0] = dash[0].connections().totalBytesIn();
            shownOut[0] = dash[0].connections().totalBytesOut();
            long[] t = dash[0].services().traffic(LISTENER);
            svcIn[0] = t[0];
            svcOut[0] = t[1];
            rows[0] = dash[0].connections().rows().size();
            checked.countDown();
        });
        checked.await(10, TimeUnit.SECONDS);

        long[] gaps = Arrays.copyOf(frameGaps, frames[0]);
        long[] dr = Arrays.copyOf(drainTimes, drains[0]);
        long[] cpus = Arrays.copyOf(frameCpu, cpuFrames[0]);
        Arrays.sort(cpus);
        Arrays.sort(gaps);
        Arrays.sort(dr);
        System.out.printf(Locale.ROOT, "events pushed: %,d in %.2f s (%,.0f/s), %,d connections open, %,d churned%n",
                total, elapsed, total / elapsed, CONNECTIONS, churned);
        System.out.printf(Locale.ROOT, "FX pulses: %d; interval p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", gaps.length,
                pct(gaps, 50), pct(gaps, 99), gaps.length == 0 ? 0 : gaps[gaps.length - 1] / 1e6);
        long[] work = Arrays.copyOf(pulseWork, workFrames[0]);
        Arrays.sort(work);
        System.out.printf(Locale.ROOT, "FX pulse work (wall, start to end of layout): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(work, 50), pct(work, 99), work.length == 0 ? 0 : work[work.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "FX thread CPU: %.2f s over the run; per pulse p50 %.1f ms, p99 %.1f ms, max %.1f ms; load average %.1f%n",
                Arrays.stream(cpus).sum() / 1e9, pct(cpus, 50), pct(cpus, 99), cpus.length == 0 ? 0 : cpus[cpus.length - 1] / 1e6,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "drain+apply on FX thread: %d drains; p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", dr.length,
                pct(dr, 50), pct(dr, 99), dr.length == 0 ? 0 : dr[dr.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "heap used max %.0f MiB; bridge depth max %,d; rows now %,d%n", maxHeap.get() / 1048576.0,
                maxDepth.get(), rows[0]);
        System.out.printf(Locale.ROOT, "bytes in  sent %,d  table %,d  service %,d  %s%n", sentIn[0], shownIn[0], svcIn[0],
                sentIn[0] == shownIn[0] && sentIn[0] == svcIn[0] ? "EQUAL" : "DIFFERENT");
        System.out.printf(Locale.ROOT, "bytes out sent %,d  table %,d  service %,d  %s%n", sentOut[0], shownOut[0], svcOut[0],
                sentOut[0] == shownOut[0] && sentOut[0] == svcOut[0] ? "EQUAL" : "DIFFERENT");
        log.report(System.out);
        if (System.getProperty("pulseLog") != null) log.dump(java.nio.file.Path.of(System.getProperty("pulseLog")));
        Platform.exit();
        System.exit(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void sortBy(javafx.scene.control.TableView table, String column) {
        for (Object o : table.getColumns()) {
            javafx.scene.control.TableColumn c = (javafx.scene.control.TableColumn) o;
            if (c.getText().equals(column)) {
                c.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
                table.getSortOrder().setAll(c);
                return;
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** Commands are not exercised here. */
    static final class NullEngine implements netmon.ui.engine.EngineCommands {
        @Override public String validate(String kind, String endpoint) { return null; }
        @Override public netmon.engine.defer.Deferred<netmon.ui.engine.ListenerHandle> startListener(String k, String e) { return new netmon.engine.defer.Deferred<>(); }
        @Override public netmon.engine.defer.Deferred<Void> stopListener(netmon.ui.engine.ListenerHandle h) { return netmon.engine.defer.Deferred.succeed(null); }
        @Override public netmon.engine.defer.Deferred<Boolean> closeConnection(long id) { return netmon.engine.defer.Deferred.succeed(true); }
        @Override public netmon.engine.defer.Deferred<Boolean> abortConnection(long id) { return netmon.engine.defer.Deferred.succeed(true); }
    }
}
