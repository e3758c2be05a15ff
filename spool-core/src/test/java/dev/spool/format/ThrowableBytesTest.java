package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.Options;
import dev.spool.spi.RemoteThrowable;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exceptions render byte for byte as they did before branch throwable-fast (frozen in
 * {@link OldStackTraceWriter}, {@link OldJsonThrowable}, {@link OldStackFrames}): text continuation lines
 * both ways round, the JSON-string stack trace of ecs/gelf/logstash/otlp-json, and the json format's
 * object, over thousands of generated exceptions (causes, suppressed ones, cycles, long and shared traces,
 * native and unknown-source frames, module and class-loader names, null and hostile messages, hostile
 * getters), each rendered with the frame cache cold, warm, and after other frames have displaced it.
 */
class ThrowableBytesTest {

    private static final String[] WORDS = {
        "a", "app.Main", "run", "Main.java", "caf\u00e9", "\u4e2d\u6587", "\uD83D\uDE00", "\uD800", "tab\there",
        "line\nfeed", "cr\rret", "quote\"", "back\\slash", "\u0000nul", "\u007fdel", "\u0085nel", "\u2028ls",
        "<init>", "lambda$run$0", "$Proxy12", "x".repeat(700), "", " "};

    @Test
    void generatedExceptionsRenderAsBefore() {
        Random random = new Random(17);
        for (int i = 0; i < 3_000; i++) {
            Throwable t = generate(random, 0, random.nextInt(4) == 0 ? 400 : 40);
            assertSameAsBefore(t);
        }
    }

    @Test
    void framesDisplacingEachOtherInTheCacheRenderAsBefore() {
        // More distinct frames than slots, then the first ones again: every slot is replaced and refilled.
        Random random = new Random(5);
        List<Throwable> all = new ArrayList<>();
        for (int i = 0; i < 3 * FrameText.SLOTS; i++) {
            Throwable t = new IllegalStateException("n" + i);
            t.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("c.C" + i, "m" + random.nextInt(50), "C" + (i % 7) + ".java", i % 300),
                new StackTraceElement("c.C" + i, "m", null, -2),
                new StackTraceElement("c.C", "m" + i, null, -1)});
            all.add(t);
        }
        for (int round = 0; round < 2; round++) {
            for (Throwable t : all) {
                assertSameAsBefore(t);
            }
        }
    }

    @Test
    void threadsReplacingEachOthersEntriesEachWriteTheirOwnFrames() throws Exception {
        // Each thread its own frames, more than there are slots, so the threads keep replacing entries
        // the others are reading: every rendering must still be exactly the old one.
        int threads = 4;
        List<List<Throwable>> work = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            List<Throwable> mine = new ArrayList<>();
            List<String> want = new ArrayList<>();
            for (int i = 0; i < FrameText.SLOTS; i++) {
                Throwable t = new IllegalStateException("t" + n);
                t.setStackTrace(new StackTraceElement[] {
                    new StackTraceElement("thread" + n + ".C" + i, "m", "C.java", i),
                    new StackTraceElement("shared.C", "m" + (i % 64), "C.java", n)});
                mine.add(t);
                want.add(old(out -> OldStackTraceWriter.text(out, true).write(t)));
            }
            work.add(mine);
            expected.add(want);
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> running = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            List<Throwable> mine = work.get(n);
            List<String> want = expected.get(n);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                ByteBuilder out = new ByteBuilder(256);
                for (int round = 0; round < 50; round++) {
                    for (int i = 0; i < mine.size(); i++) {
                        out.clear();
                        StackTraceWriter.text(mine.get(i), out, true);
                        if (!out.toString().equals(want.get(i))) {
                            wrong.incrementAndGet();
                        }
                    }
                }
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }

        assertThat(wrong.get()).isZero();
    }

    @Test
    void framesAlikeButForOneFieldRenderTheirOwnText() {
        StackTraceElement[] frames = {
            new StackTraceElement("a.B", "m", "B.java", 1),
            new StackTraceElement("a.B", "m", "B.java", 2),
            new StackTraceElement("a.B", "m", "B.java", -1),
            new StackTraceElement("a.B", "m", "B.java", -2),
            new StackTraceElement("a.B", "m", null, -1),
            new StackTraceElement("a.B", "m", null, -2),
            new StackTraceElement("a.B", "m", null, 1),
            new StackTraceElement("a.B", "n", "B.java", 1),
            new StackTraceElement("a.C", "m", "B.java", 1),
            new StackTraceElement("a.B", "m", "C.java", 1),
            new StackTraceElement("loader", "mod", "1.0", "a.B", "m", "B.java", 1),
            new StackTraceElement("other", "mod2", null, "a.B", "m", "B.java", 1),
            new StackTraceElement(null, "mod", null, "a.B", "m", "B.java", 1)};
        for (int round = 0; round < 3; round++) {
            for (StackTraceElement frame : frames) {
                Throwable t = new RuntimeException("x");
                t.setStackTrace(new StackTraceElement[] {frame, frame});
                assertSameAsBefore(t);
            }
        }
    }

    @Test
    void everyFormatStillHoldsTheOldRendering() {
        Random random = new Random(99);
        List<Format> texts = List.of(
            TextFormat.of("%d %-5p [%t] %c - %m%n", ZoneId.of("UTC")),
            TextFormat.of("%m%ex%n", ZoneId.of("UTC")));
        List<Format> jsonStrings = new ArrayList<>();
        for (String name : new String[] {"ecs", "gelf", "logstash", "otlp-json"}) {
            jsonStrings.add(Formats.fromOptions(new Options("destination.app.", Map.of("format", name))));
        }
        Format json = Formats.fromOptions(new Options("destination.app.", Map.of("format", "json")));
        for (int i = 0; i < 500; i++) {
            Throwable t = generate(random, 0, 20);
            TestEvent event = TestEvent.event().message("m " + i).throwable(t);
            String textAfter = old(out -> OldStackTraceWriter.text(out, true).write(t));
            String textBefore = old(out -> OldStackTraceWriter.text(out, false).write(t));
            assertThat(formatted(texts.get(0), event)).contains(textAfter);
            assertThat(formatted(texts.get(1), event)).contains(textBefore);
            String jsonString = old(out -> OldStackTraceWriter.json(out).write(t));
            for (Format format : jsonStrings) {
                String once = formatted(format, event);
                assertThat(once).as(format.toString()).contains(jsonString);
                assertThat(formatted(format, event)).isEqualTo(once);
            }
            assertThat(formatted(json, event)).contains(old(out -> OldJsonThrowable.append(t, out)));
        }
    }

    private static String formatted(Format format, TestEvent event) {
        ByteBuilder out = new ByteBuilder(256);
        format.format(event, out);
        return out.toString();
    }

    private static String old(Consumer<ByteBuilder> render) {
        ByteBuilder out = new ByteBuilder(64);
        render.accept(out);
        return out.toString();
    }

    /** Each way of writing {@code t}: new bytes equal the old, on a cold and on a warm cache. */
    private static void assertSameAsBefore(Throwable t) {
        for (int round = 0; round < 2; round++) {
            compare(t, out -> StackTraceWriter.text(t, out, true),
                    out -> OldStackTraceWriter.text(out, true).write(t));
            compare(t, out -> StackTraceWriter.text(t, out, false),
                    out -> OldStackTraceWriter.text(out, false).write(t));
            compare(t, out -> StackTraceWriter.json(t, out), out -> OldStackTraceWriter.json(out).write(t));
            compare(t, out -> JsonThrowable.append(t, out), out -> OldJsonThrowable.append(t, out));
        }
    }

    private static void compare(Throwable t, Consumer<ByteBuilder> now, Consumer<ByteBuilder> before) {
        ByteBuilder a = new ByteBuilder(16);
        a.appendAscii("prefix|");
        now.accept(a);
        ByteBuilder b = new ByteBuilder(16);
        b.appendAscii("prefix|");
        before.accept(b);
        byte[] got = Arrays.copyOf(a.array(), a.length());
        byte[] want = Arrays.copyOf(b.array(), b.length());
        if (!Arrays.equals(got, want)) {
            assertThat(new String(got, StandardCharsets.UTF_8)).as("rendering of %s", safe(t))
                    .isEqualTo(new String(want, StandardCharsets.UTF_8));
            assertThat(got).isEqualTo(want);
        }
    }

    private static String safe(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (RuntimeException e) {
            return t.getClass().getName();
        }
    }

    // ------------------------------------------------------------------------------------------ generator

    private static Throwable generate(Random random, int depth, int maxFrames) {
        Throwable t = newThrowable(random);
        StackTraceElement[] frames = frames(random, random.nextInt(maxFrames + 1));
        try {
            t.setStackTrace(frames);
        } catch (UnsupportedOperationException ignored) {
            // a hostile one with its own getStackTrace()
        }
        if (depth < 4 && random.nextInt(3) == 0) {
            Throwable cause = generate(random, depth + 1, maxFrames);
            shareTail(random, t, cause);
            initCause(t, cause);
            if (random.nextInt(6) == 0) {
                initCause(cause, t); // a cycle: the cause's cause is the throwable itself
            }
        }
        if (depth < 3 && random.nextInt(4) == 0) {
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                Throwable suppressed = random.nextInt(8) == 0 ? t : generate(random, depth + 1, maxFrames);
                if (suppressed != t) {
                    shareTail(random, t, suppressed);
                    if (random.nextInt(8) == 0) {
                        suppressed.addSuppressed(t); // a cycle through suppressed
                    }
                }
                if (suppressed != t) {
                    t.addSuppressed(suppressed);
                }
            }
        }
        if (depth == 0 && random.nextInt(40) == 0) {
            Throwable chain = t;
            for (int i = 0; i < 130; i++) { // past MAX_THROWABLES
                Throwable next = new RuntimeException("link " + i);
                next.setStackTrace(frames(random, random.nextInt(3)));
                initCause(chain, next);
                chain = next;
            }
        }
        return t;
    }

    private static void initCause(Throwable t, Throwable cause) {
        try {
            t.initCause(cause);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // cause already set (constructor) or self
        }
    }

    /** Gives {@code inner} the last frames of {@code outer}, as a cause thrown further down shares them. */
    private static void shareTail(Random random, Throwable outer, Throwable inner) {
        StackTraceElement[] o = UserCode.stackOf(outer);
        StackTraceElement[] in = UserCode.stackOf(inner);
        if (o.length == 0 || random.nextInt(3) == 0) {
            return;
        }
        int shared = 1 + random.nextInt(o.length);
        StackTraceElement[] merged = Arrays.copyOf(in, in.length + shared);
        for (int i = 0; i < shared; i++) {
            StackTraceElement f = o[o.length - shared + i];
            // an equal frame built anew half the time, as the JDK does for each throwable
            merged[in.length + i] = random.nextBoolean() ? f : new StackTraceElement(f.getClassLoaderName(),
                    f.getModuleName(), f.getModuleVersion(), f.getClassName(), f.getMethodName(), f.getFileName(),
                    f.getLineNumber());
        }
        try {
            inner.setStackTrace(merged);
        } catch (UnsupportedOperationException ignored) {
            // hostile
        }
    }

    private static StackTraceElement[] frames(Random random, int n) {
        StackTraceElement[] frames = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            String className = random.nextInt(4) == 0 ? word(random) + "." + word(random) : "app.C" + random.nextInt(30);
            String method = random.nextInt(4) == 0 ? word(random) : "m" + random.nextInt(10);
            String file = random.nextInt(5) == 0 ? null : random.nextInt(4) == 0 ? word(random) : "C.java";
            int line;
            switch (random.nextInt(6)) {
                case 0: line = -2; break;
                case 1: line = -1; break;
                case 2: line = random.nextInt(3) - 3; break; // -3..-1
                case 3: line = random.nextInt(Integer.MAX_VALUE); break;
                default: line = random.nextInt(200);
            }
            if (random.nextInt(5) == 0) {
                frames[i] = new StackTraceElement(random.nextBoolean() ? "app" : null,
                        random.nextBoolean() ? "java.base" : "my.module", random.nextBoolean() ? "17" : null,
                        className, method, file, line);
            } else {
                frames[i] = new StackTraceElement(className, method, file, line);
            }
        }
        return frames;
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String message(Random random) {
        switch (random.nextInt(5)) {
            case 0: return null;
            case 1: return word(random) + " " + word(random);
            default: return "failed " + random.nextInt(1000);
        }
    }

    private static Throwable newThrowable(Random random) {
        String message = message(random);
        switch (random.nextInt(12)) {
            case 0: return new IOException(message);
            case 1: return new UncheckedIOException(message, new IOException("inner"));
            case 2: return new RemoteThrowable(random.nextBoolean() ? word(random) : "com.x.RemoteError", message,
                    null, null);
            case 3: return new HostileMessage(message);
            case 4: return new HostileGetters(message, random.nextInt(4));
            case 5: return new Error(message);
            case 6: return new Throwable(message, null, false, false) { }; // suppression and stack writes disabled
            case 7: return new NullStack(message);
            default: return new IllegalStateException(message);
        }
    }

    /** getMessage() and toString() throw. */
    static final class HostileMessage extends RuntimeException {
        HostileMessage(String message) {
            super(message);
        }

        @Override
        public String getMessage() {
            throw new IllegalArgumentException("no message for you");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no toString either");
        }
    }

    /** getStackTrace() or getCause() throws, or getLocalizedMessage() differs (getSuppressed() is final). */
    static final class HostileGetters extends RuntimeException {
        private final int which;

        HostileGetters(String message, int which) {
            super(message);
            this.which = which;
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            if (which == 0) {
                throw new UnsupportedOperationException("stack");
            }
            return super.getStackTrace();
        }

        @Override
        public synchronized Throwable getCause() {
            if (which == 1) {
                throw new UnsupportedOperationException("cause");
            }
            return super.getCause();
        }

        @Override
        public String getLocalizedMessage() {
            return which == 3 ? "localized" : super.getLocalizedMessage();
        }
    }

    /** getStackTrace() returns null. */
    static final class NullStack extends RuntimeException {
        NullStack(String message) {
            super(message);
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            return null;
        }
    }
}
