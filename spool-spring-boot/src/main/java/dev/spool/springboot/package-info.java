/**
 * Spring Boot integration: {@link dev.spool.springboot.SpoolLoggingSystem} turns Boot's {@code logging.*}
 * properties (or a {@code spool.properties} named by {@code logging.config}) into a Spool configuration,
 * applies {@code logging.level.*} and the actuator's level changes live, and drains the pipeline after
 * the application context has closed. docs/spring-boot.md lists what maps to what.
 */
package dev.spool.springboot;
