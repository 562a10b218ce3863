package dev.keel.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in every way a real one can, for the platform's own tests (not in the test jar). */
@RestController
@RequestMapping("/api/v1/probe")
class ProbeController {

    record Order(
            @NotBlank String name,
            @Positive int quantity,
            @Nullable List<String> tags) {}

    @PostMapping("/orders")
    Order create(@Valid @RequestBody Order order) {
        return order;
    }

    @GetMapping(value = "/items", produces = MediaType.TEXT_PLAIN_VALUE)
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

    private final AtomicInteger charges = new AtomicInteger();

    static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);
    static final CountDownLatch SLOW_RELEASE = new CountDownLatch(1);

    record Charge(@Positive long amount) {}

    @PostMapping("/payments")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Map<String, Object>> pay(@Valid @RequestBody Charge charge) {
        int number = charges.incrementAndGet();
        return ResponseEntity.created(URI.create("/api/v1/probe/payments/" + number))
                .body(Map.of("charge", number, "amount", charge.amount()));
    }

    @GetMapping("/payments/count")
    int charges() {
        return charges.get();
    }

    @PostMapping("/public/echo")
    Charge echo(@Valid @RequestBody Charge charge) {
        return charge;
    }

    @PostMapping(value = "/slow", produces = MediaType.TEXT_PLAIN_VALUE)
    String slow() throws InterruptedException {
        SLOW_STARTED.countDown();
        SLOW_RELEASE.await(10, TimeUnit.SECONDS);
        return "done";
    }

    @PostMapping("/boom")
    String failToCharge() {
        charges.incrementAndGet();
        throw new IllegalStateException("gateway exploded");
    }

    @GetMapping("/database-down")
    String databaseDown() {
        throw new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));
    }

    @GetMapping("/race")
    @ProblemResponse(status = 409, codes = "conflict", description = "Another request changed the record first.")
    String race() {
        throw new OptimisticLockingFailureException("row was updated by another transaction");
    }
}
