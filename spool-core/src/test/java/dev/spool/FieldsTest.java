package dev.spool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldsTest {

    @Test
    void growsAndReadsBackInOrder() {
        Fields fields = new Fields(1);
        fields.add("a", 1);
        fields.add("b", "two");
        fields.add("c", 3.0);
        assertThat(fields.size()).isEqualTo(3);
        assertThat(fields.key(2)).isEqualTo("c");
        assertThat(fields.value(1)).isEqualTo("two");
    }

    @Test
    void clearingLetsGoOfLargeValuesAndKeepsSmallOnesForTheNextEvent() {
        Fields fields = new Fields(4);
        Object big = new int[1 << 18];
        fields.add("user", "alice");
        fields.add("blob", big);
        fields.clear();
        assertThat(fields.size()).isZero();
        assertThat(fields.value(0)).as("a short string stays for the next event").isEqualTo("alice");
        assertThat(fields.value(1)).as("a reused thread's fields never pin a large object").isNull();
        fields.add("user", "bob");
        assertThat(fields.value(0)).isEqualTo("bob");
    }

    @Test
    void anArgumentListKeepsSmallArgumentsAndLetsGoOfLargeOnesWhenCleared() {
        ArgumentList args = new ArgumentList(2);
        Object big = new long[1 << 16];
        args.add("alice");
        args.add(big);
        args.add(42L);
        args.clear();
        assertThat(args.size()).isZero();
        assertThat(args.object(0)).isEqualTo("alice");
        assertThat(args.object(1)).as("a reused builder never pins a large argument").isNull();
        args.add("bob");
        assertThat(args.object(0)).isEqualTo("bob");
        assertThat(args.kind(0)).isEqualTo(dev.spool.spi.Arguments.OBJECT);
    }
}
