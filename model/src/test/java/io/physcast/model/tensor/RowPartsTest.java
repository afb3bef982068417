package io.physcast.model.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class RowPartsTest {
    @Test
    void everyRowRunsOnceAndSmallRangesStayOnTheCaller() {
        RowParts parts = new RowParts(3);
        AtomicIntegerArray seen = new AtomicIntegerArray(1001);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        parts.run(
                1001,
                10,
                1,
                (from, to) -> {
                    threads.add(Thread.currentThread().getName());
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
        for (int i = 0; i < seen.length(); i++) {
            assertEquals(1, seen.get(i), "row " + i);
        }
        assertTrue(threads.contains(Thread.currentThread().getName()));

        Set<String> small = ConcurrentHashMap.newKeySet();
        parts.run(15, 10, 1, (from, to) -> small.add(Thread.currentThread().getName() + from + to));
        assertEquals(Set.of(Thread.currentThread().getName() + "015"), small);
    }

    @Test
    void rangesStartOnMultiplesOfTheAlignment() {
        RowParts parts = new RowParts(3);
        Set<String> ranges = ConcurrentHashMap.newKeySet();
        parts.run(1000, 1, 64, (from, to) -> ranges.add(from + ".." + to));
        assertEquals(Set.of("0..320", "320..640", "640..1000"), ranges);
        ranges.clear();
        parts.run(100, 1, 64, (from, to) -> ranges.add(from + ".." + to));
        assertEquals(Set.of("0..100"), ranges); // too few rows for two aligned ranges
    }

    @Test
    void aBusyWorkerDoesNotMakeTheCallerWait() throws Exception {
        RowParts parts = new RowParts(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch workerBusy = new CountDownLatch(1);
        // another caller's second range occupies the only worker until released; its first range
        // waits for that, so the other caller cannot take its second range back first
        Thread other =
                new Thread(
                        () ->
                                parts.run(
                                        2,
                                        1,
                                        1,
                                        (from, to) -> {
                                            if (from == 0) {
                                                awaitQuietly(workerBusy);
                                            } else {
                                                workerBusy.countDown();
                                                awaitQuietly(release);
                                            }
                                        }));
        other.start();
        assertTrue(workerBusy.await(10, java.util.concurrent.TimeUnit.SECONDS));
        AtomicIntegerArray seen = new AtomicIntegerArray(100);
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> parts.run(100, 1, 1, (from, to) -> seen.addAndGet(from, to - from)));
        assertEquals(50, seen.get(0));
        assertEquals(50, seen.get(50));
        release.countDown();
        other.join();
    }

    @Test
    void aFailingRangeFailsTheCall() {
        RowParts parts = new RowParts(2);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                parts.run(
                                        10,
                                        1,
                                        1,
                                        (from, to) -> {
                                            if (from > 0) {
                                                throw new IllegalStateException("range " + from);
                                            }
                                        }));
        assertEquals("range 5", e.getMessage());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
