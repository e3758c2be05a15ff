package dev.spool.log4j;

import dev.spool.Context;
import org.apache.logging.log4j.test.spi.ThreadContextMapSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Log4j API's own contract for {@code ThreadContextMap} implementations (log4j-api-test's
 * {@link ThreadContextMapSuite}), run against Spool's map. Not run: {@code threadLocalInheritableIfConfigured},
 * because Spool's context is never inherited by child threads (documented in docs/java-apis.md).
 */
class SpoolThreadContextMapSuiteTest extends ThreadContextMapSuite {

    @AfterEach
    void clear() {
        Context.clear();
    }

    @Test
    void singleValue() {
        singleValue(new SpoolThreadContextMap());
    }

    @Test
    void getCopyReturnsMutableCopy() {
        getCopyReturnsMutableCopy(new SpoolThreadContextMap());
    }

    @Test
    void getImmutableMapReturnsNullIfEmpty() {
        getImmutableMapReturnsNullIfEmpty(new SpoolThreadContextMap());
    }

    @Test
    void getImmutableMapReturnsImmutableMapIfNonEmpty() {
        getImmutableMapReturnsImmutableMapIfNonEmpty(new SpoolThreadContextMap());
    }

    @Test
    void getImmutableMapCopyNotAffectedByContextMapChanges() {
        getImmutableMapCopyNotAffectedByContextMapChanges(new SpoolThreadContextMap());
    }

    @Test
    void threadLocalNotInheritableByDefault() {
        threadLocalNotInheritableByDefault(new SpoolThreadContextMap());
    }
}
