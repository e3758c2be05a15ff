package dev.spool.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web shop that logs through SLF4J, with Spool as Boot's logging system: the only logging
 * dependency is spool-spring-boot (Boot's spring-boot-starter-logging is excluded in the pom), and
 * application.properties configures levels, a JSON log file and the actuator's loggers endpoint.
 */
@SpringBootApplication
public class ExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
