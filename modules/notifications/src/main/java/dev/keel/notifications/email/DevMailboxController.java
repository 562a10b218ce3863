package dev.keel.notifications.email;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The captured mail of the embedded default profile; absent (404) wherever mail is really sent. */
@RestController
@ConditionalOnProperty(name = "keel.notifications.email.capture", havingValue = "true")
@Tag(name = "admin-dev", description = "Development helpers (admins, embedded default profile only)")
class DevMailboxController {

    @Schema(name = "DevMailbox")
    record Mailbox(List<DevMailbox.Mail> items) {}

    private final DevMailbox mailbox;

    DevMailboxController(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/api/v1/admin/dev/mailbox")
    @Operation(operationId = "readDevMailbox", summary = "Mail captured instead of sent, newest first")
    Mailbox read(
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return new Mailbox(mailbox.find(to, limit));
    }
}
