package dev.spool.examples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Looks orders up; logs each lookup with SLF4J 2's fluent API, the order id and stock as key/values. */
@RestController
public class OrderController {

    private static final Logger log = LoggerFactory.getLogger(OrderController.class);

    private final Inventory inventory;

    public OrderController(Inventory inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/orders/{id}")
    public Map<String, Object> order(@PathVariable("id") int id) {
        int stock = inventory.stock(id);
        log.atInfo().addKeyValue("order_id", id).addKeyValue("in_stock", stock).log("order looked up");
        log.debug("order {} served from stock {}", id, stock);
        return Map.of("id", id, "inStock", stock);
    }
}
