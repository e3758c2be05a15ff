package dev.spool.examples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A chatty component: it logs at DEBUG, INFO and WARN, and application.properties puts it in the
 * {@code inventory} group at WARN, so only its warnings are written until someone changes its level
 * through {@code POST /actuator/loggers/dev.spool.examples.springboot.Inventory}. It also logs while the
 * application context closes, which Spool must still write.
 */
@Component
public class Inventory implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Inventory.class);

    /** Items in stock for an order: {@code id % 5}; none is a warning. */
    public int stock(int orderId) {
        int stock = Math.floorMod(orderId, 5);
        log.debug("counting stock for order {}", orderId);
        log.info("stock for order {} is {}", orderId, stock);
        if (stock == 0) {
            log.warn("order {} is out of stock", orderId);
        }
        return stock;
    }

    @Override
    public void destroy() {
        log.warn("inventory closing");
    }
}
