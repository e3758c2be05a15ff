/**
 * Spool as Spring Boot's logging system: a {@code LoggingSystem} found through Boot's
 * {@code LoggingSystemFactory} entry in {@code META-INF/spring.factories}, and a failure analyzer for
 * logging properties Spool cannot use. Spring's jars are automatic modules ({@code spring.boot},
 * {@code spring.core}: their manifests name them).
 */
module dev.spool.springboot {
    requires transitive dev.spool;
    requires dev.spool.slf4j;
    requires transitive spring.boot;
    requires transitive spring.core;

    exports dev.spool.springboot;
}
