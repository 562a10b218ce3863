package dev.keel.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in every way a real one can, for the platform's own tests (not in the test jar). */
@RestController
@RequestMapping("/api/v1/probe")
class ProbeController {

    record Order(@NotBlank String name, @Positive int quantity) {}

    @PostMapping("/orders")
    Order create(@Valid @RequestBody Order order) {
        return order;
    }

    @GetMapping("/items")
    String items(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return "limit " + limit;
    }

    @GetMapping("/items/{id}")
    String item(@PathVariable UUID id) {
        throw new NotFound("Item");
    }

    @GetMapping("/boom")
    String boom() {
        throw new IllegalStateException("SELECT * FROM secret_table failed at dev.keel.Internal");
    }

    @GetMapping("/race")
    String race() {
        throw new OptimisticLockingFailureException("row was updated by another transaction");
    }
}
