package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadNamesTest {

    @Test
    void equalNamesShareANumberAndEveryNumberReadsBackItsName() {
        ThreadNames names = new ThreadNames(8);
        int a = names.indexOf("worker-1");
        int b = names.indexOf("worker-2");
        assertThat(names.indexOf(new String("worker-1"))).isEqualTo(a);
        assertThat(b).isNotEqualTo(a);
        assertThat(names.name(a)).isEqualTo("worker-1");
        assertThat(names.name(b)).isEqualTo("worker-2");
    }

    @Test
    void pastItsCapacityANewNameGetsNoNumberAndKnownNamesKeepTheirs() {
        ThreadNames names = new ThreadNames(2);
        int first = names.indexOf("a");
        names.indexOf("b");
        assertThat(names.indexOf("c")).isEqualTo(-1);
        assertThat(names.indexOf("a")).isEqualTo(first);
        assertThat(names.name(first)).isEqualTo("a");
    }

    @Test
    void threadsRacingForTheSameNamesGetOneNumberPerName() throws InterruptedException {
        ThreadNames names = new ThreadNames(64);
        ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
        List<String> disagreements = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 32; i++) {
                    String name = "pool-" + i;
                    int number = names.indexOf(name);
                    Integer earlier = seen.putIfAbsent(name, number);
                    if (earlier != null && earlier != number || !names.name(number).equals(name)) {
                        synchronized (disagreements) {
                            disagreements.add(name + " -> " + number);
                        }
                    }
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(disagreements).isEmpty();
        assertThat(seen).hasSize(32);
        assertThat(seen.values()).doesNotHaveDuplicates();
    }

    @Test
    void aSlotFilledFromALoggingThreadReadsBackTheNameItHadThenEvenAfterARename() {
        String original = Thread.currentThread().getName();
        Slot before = new Slot();
        Slot after = new Slot();
        try {
            Thread.currentThread().setName("renamed-" + System.nanoTime());
            String first = Thread.currentThread().getName();
            fill(before);
            Thread.currentThread().setName(first + "-again");
            fill(after);
            assertThat(before.threadName()).isEqualTo(first);
            assertThat(after.threadName()).isEqualTo(first + "-again");
            assertThat(before.threadNumber).as("a logging thread's name is kept as a number").isNotNegative();
        } finally {
            Thread.currentThread().setName(original);
        }
    }

    @Test
    void aSlotFilledFromAnEventMadeElsewhereKeepsItsThreadNameAsGiven() {
        Slot slot = new Slot();
        fill(slot);
        slot.fill(TestEvent.event().thread("far-away-7", 7), null, true);
        assertThat(slot.threadName()).isEqualTo("far-away-7");
        assertThat(slot.threadNumber).isEqualTo(-1);
    }

    private static void fill(Slot slot) {
        Capture c = Capture.acquire();
        try {
            c.begin("app", TestEvent.RESOURCE, Level.INFO);
            c.format("hello", 0, null, null, null, 1_000);
            slot.fill(c, null, false);
        } finally {
            c.free();
        }
    }
}
