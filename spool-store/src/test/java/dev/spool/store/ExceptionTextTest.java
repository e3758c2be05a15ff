package dev.spool.store;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.RemoteThrowable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionTextTest {

    private static IllegalStateException failure() {
        IllegalStateException top = new IllegalStateException("boom\nsecond line", new java.io.IOException("disk"));
        top.setStackTrace(new StackTraceElement[] {new StackTraceElement("a.B", "run", "B.java", 10),
            new StackTraceElement("a.C", "call", null, -2)});
        top.getCause().setStackTrace(new StackTraceElement[] {new StackTraceElement("x.Y", "read", "Y.java", 3)});
        top.addSuppressed(new RuntimeException("closing"));
        return top;
    }

    @Test
    void theJsonFormReadsBackWithCauseSuppressedAndTheFrameText() {
        String json = ExceptionText.json(failure(), new ByteBuilder(16));
        assertThat(json).startsWith("{\"class\":\"java.lang.IllegalStateException\",\"message\":\"boom\\nsecond line\","
                + "\"stack\":[\"a.B.run(B.java:10)\",\"a.C.call(Native Method)\"],\"cause\":{\"class\":\"java.io.IOException\"");

        RemoteThrowable t = ExceptionText.read(json);
        assertThat(t.className()).isEqualTo("java.lang.IllegalStateException");
        assertThat(t.getMessage()).isEqualTo("boom\nsecond line");
        assertThat(t.getStackTrace()).containsExactly(failure().getStackTrace());
        assertThat(((RemoteThrowable) t.getCause()).className()).isEqualTo("java.io.IOException");
        assertThat(t.getSuppressed()).extracting(Throwable::getMessage).containsExactly("closing");
        assertThat(ExceptionText.json(t, new ByteBuilder(16))).isEqualTo(json); // written again, the same bytes
    }

    @Test
    void thePlainFormOfEarlierRowsReadsBack() {
        String plain = ExceptionText.of(failure(), new StringBuilder());
        RemoteThrowable t = ExceptionText.read(plain);
        assertThat(t.className()).isEqualTo("java.lang.IllegalStateException");
        assertThat(t.getMessage()).isEqualTo("boom\nsecond line");
        assertThat(t.getStackTrace()).containsExactly(failure().getStackTrace());
        RemoteThrowable cause = (RemoteThrowable) t.getCause();
        assertThat(cause.className()).isEqualTo("java.io.IOException");
        assertThat(cause.getMessage()).isEqualTo("disk");
        assertThat(cause.getStackTrace()).containsExactly(new StackTraceElement("x.Y", "read", "Y.java", 3));
        assertThat(ExceptionText.read("java.lang.Error").getMessage()).isNull();
    }

    @Test
    void aCutOrForeignObjectIsShownAsTextNotHidden() {
        String cut = ExceptionText.json(failure(), new ByteBuilder(16)).substring(0, 60);
        RemoteThrowable t = ExceptionText.read(cut);
        assertThat(t.className()).isEqualTo("unknown");
        assertThat(t.getMessage()).isEqualTo(cut);
        assertThat(ExceptionText.read(null)).isNull();
    }
}
