package dev.spool.testkit.amqp;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test its own exchange and queue names on the real RabbitMQ, a {@link ScratchTopology} field or
 * parameter: unique names, so that nothing another test left behind is in the way, and deleted (with their
 * dead-letter pair) when the test is done. A static field (or a {@code @BeforeAll} parameter) holds one
 * topology for the test class, an instance field (or a test method's parameter) one per test method.
 *
 * <pre>{@code
 * @TestTopology
 * ScratchTopology topology;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@ExtendWith(TopologyExtension.class)
public @interface TestTopology {
}
