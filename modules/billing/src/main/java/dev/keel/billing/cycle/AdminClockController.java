package dev.keel.billing.cycle;

import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Time travel for demos and tests; absent (404) unless {@code keel.time-travel.enabled}. */
@RestController
@RequestMapping("/api/v1/admin/clock")
@ConditionalOnBooleanProperty("keel.time-travel.enabled")
@Tag(name = "admin-clock", description = "Time travel (embedded default only)")
class AdminClockController {

    private static final Duration LONGEST_TRIP = Duration.ofDays(3660);

    @Schema(name = "Clock")
    record ClockResponse(Instant now) {}

    @Schema(name = "AdvanceClockRequest")
    record AdvanceRequest(@NotBlank String duration) {}

    private final TimeMachine machine;

    AdminClockController(TimeMachine machine) {
        this.machine = machine;
    }

    @GetMapping
    @Operation(operationId = "getClock", summary = "The application clock")
    ClockResponse now() {
        return new ClockResponse(machine.now());
    }

    @PostMapping("/advance")
    @Operation(
            operationId = "advanceClock",
            summary = "Move the clock forward and run all billing work that became due",
            description = "duration is ISO-8601, e.g. P31D or PT12H; at most ten years, never backwards.")
    ClockResponse advance(@Valid @RequestBody AdvanceRequest request) {
        return new ClockResponse(machine.advance(parse(request.duration())));
    }

    private static Duration parse(String text) {
        try {
            var duration = Duration.parse(text);
            if (duration.isPositive() && duration.compareTo(LONGEST_TRIP) <= 0) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // Answered below, like any other invalid value.
        }
        throw new InvalidInput(new FieldViolation(
                "duration", "invalid_duration", "An ISO-8601 duration such as P31D, positive and at most P3660D."));
    }
}
