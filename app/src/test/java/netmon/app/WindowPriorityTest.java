package netmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The window's threads get a higher nice value than the reactor's: the calling thread is lowered, threads it
 * starts afterwards inherit that, threads started before keep theirs. Each lowering runs on a throw-away
 * thread (a thread's nice value cannot be raised back without privilege), and reads the result back from
 * {@code /proc/thread-self/stat}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WindowPriorityTest {

    @Test
    void configuredIsTenWhenUnsetZeroOrLessTurnsItOffAndValuesAreClampedToNineteen() {
        assertEquals(10, WindowPriority.configured(null));
        assertEquals(10, WindowPriority.configured(" "));
        assertEquals(10, WindowPriority.configured("low"));
        assertEquals(0, WindowPriority.configured("0"));
        assertEquals(0, WindowPriority.configured("-5"));
        assertEquals(7, WindowPriority.configured(" 7 "));
        assertEquals(19, WindowPriority.configured("40"));
    }

    @Test
    void parseNiceReadsFieldNineteenEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (JavaFX Applicat) S 1 4242 4242 0 -1 4194368 10 0 0 0 7 3 0 0 30 10 40 0 100 0 0";
        assertEquals(OptionalInt.of(10), WindowPriority.parseNice(stat));
        String odd = "17 (a) b (c)) R 1 17 17 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0";
        assertEquals(OptionalInt.of(0), WindowPriority.parseNice(odd));
        assertEquals(OptionalInt.empty(), WindowPriority.parseNice("5 (short) S 1 2"));
    }

    @Test
    void threadsStartedAfterTheLoweringInheritItAndAThreadStartedBeforeKeepsItsOwn() throws Exception {
        assumeLinuxWithRenice();
        CompletableFuture<int[]> result = new CompletableFuture<>();
        Thread launcher = new Thread(() -> {
            try {
                int base = ownNice();
                CountDownLatch lowered = new CountDownLatch(1);
                CompletableFuture<Integer> earlier = new CompletableFuture<>();
                // Stands for the reactor's thread: started before the lowering.
                Thread before = new Thread(() -> {
                    awaitQuietly(lowered);
                    earlier.complete(ownNice());
                }, "test-before");
                before.start();
                int target = Math.min(19, base + 3);
                OptionalInt after = WindowPriority.lowerCallingThread(target);
                lowered.countDown();
                // Stands for a JavaFX thread: started by the lowered thread afterwards.
                CompletableFuture<Integer> later = new CompletableFuture<>();
                Thread started = new Thread(() -> later.complete(ownNice()), "test-after");
                started.start();
                result.complete(new int[] {base, target, after.orElse(-100), ownNice(),
                    earlier.get(10, TimeUnit.SECONDS), later.get(10, TimeUnit.SECONDS)});
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        }, "test-launcher");
        launcher.start();
        int[] r = result.get(20, TimeUnit.SECONDS);
        int base = r[0], target = r[1];
        assumeTrue(base < 19, "this JVM already runs at nice 19: nothing to lower");
        assertEquals(target, r[2], "returned nice value");
        assertEquals(target, r[3], "the calling thread's nice value read back from /proc/thread-self/stat");
        assertEquals(base, r[4], "a thread started before the lowering keeps its nice value");
        assertEquals(target, r[5], "a thread started after the lowering inherits it");
    }

    @Test
    void zeroOrANiceValueAlreadyAtLeastAsHighLeavesTheThreadAsItIs() throws Exception {
        assumeLinuxWithRenice();
        CompletableFuture<int[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                int base = ownNice();
                int off = WindowPriority.lowerCallingThread(0).orElse(-100);
                int high = Math.min(19, base + 5);
                WindowPriority.lowerCallingThread(high);
                int lower = WindowPriority.lowerCallingThread(Math.max(1, high - 3)).orElse(-100);
                result.complete(new int[] {base, off, high, lower, ownNice()});
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        }, "test-keep");
        t.start();
        int[] r = result.get(20, TimeUnit.SECONDS);
        assertEquals(r[0], r[1], "0 turns the lowering off");
        assertEquals(r[2], r[3], "asking for less than the thread already has changes nothing");
        assertEquals(r[2], r[4]);
    }

    @Test
    void callingThreadIdIsTheIdOfTheTaskThatReadsIt() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux /proc only");
        long main = WindowPriority.callingThreadId().orElseThrow();
        CompletableFuture<Long> other = new CompletableFuture<>();
        new Thread(() -> other.complete(WindowPriority.callingThreadId().orElse(-1)), "test-tid").start();
        long otherId = other.get(10, TimeUnit.SECONDS);
        assertTrue(Files.isDirectory(Path.of("/proc/self/task", Long.toString(main))), "own task exists");
        assertTrue(otherId > 0 && otherId != main, "another thread has another id: " + otherId);
    }

    private static int ownNice() {
        return WindowPriority.niceOf(Path.of("/proc/thread-self/stat")).orElseThrow();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assumeLinuxWithRenice() {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux /proc only");
        boolean renice = System.getenv().getOrDefault("PATH", "").isEmpty() ? false
                : java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "renice")));
        assumeTrue(renice, "renice (util-linux) on the PATH");
    }
}
