package dev.spool.testkit.postgres;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test its own empty database on the real PostgreSQL: a {@code String} field or parameter receives
 * its {@code postgresql://} URL, a {@link ScratchDatabase} one the database itself. A static field (or a
 * {@code @BeforeAll} parameter) holds one database for the test class, an instance field (or a test
 * method's parameter) one per test method; it is dropped when the class or method is done.
 *
 * <pre>{@code
 * @TestDatabase
 * static String url;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@ExtendWith(DatabaseExtension.class)
public @interface TestDatabase {
}
