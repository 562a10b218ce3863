package dev.keel.notifications.inbox;

import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.Cursors;
import dev.keel.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "notifications", description = "The caller's in-app messages")
class InboxController {

    @Schema(name = "Notification")
    record NotificationResponse(
            UUID id,

            @Schema(allowableValues = {"account", "billing", "security"})
            String category,

            String type,
            String title,
            String body,
            Map<String, Object> data,
            Instant createdAt,
            @Nullable Instant readAt) {}

    @Schema(name = "UnreadNotificationCount")
    record UnreadCount(long count) {}

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private final Inbox inbox;
    private final Cursors cursors;
    private final JsonMapper json;

    InboxController(Inbox inbox, Cursors cursors, JsonMapper json) {
        this.inbox = inbox;
        this.cursors = cursors;
        this.json = json;
    }

    @GetMapping
    @Operation(operationId = "listNotifications", summary = "In-app messages, newest first")
    Page<NotificationResponse> list(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(defaultValue = "false") boolean unreadOnly,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var rows = inbox.page(caller.id(), cursors.decode(cursor), unreadOnly, limit);
        return cursors.page(rows, limit, InboxMessage::id, this::response);
    }

    @GetMapping("/unread-count")
    @Operation(operationId = "countUnreadNotifications", summary = "How many in-app messages are unread")
    UnreadCount unreadCount(@AuthenticationPrincipal AuthenticatedUser caller) {
        return new UnreadCount(inbox.unreadCount(caller.id()));
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @PostMapping("/{id}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark one message read")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        inbox.markRead(caller.id(), id);
        return ResponseEntity.noContent().build();
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @PostMapping("/read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark every message read")
    ResponseEntity<Void> markAllRead(@AuthenticationPrincipal AuthenticatedUser caller) {
        inbox.markAllRead(caller.id());
        return ResponseEntity.noContent().build();
    }

    private NotificationResponse response(InboxMessage message) {
        return new NotificationResponse(
                message.id(),
                message.category().key(),
                message.type(),
                message.title(),
                message.body(),
                json.readValue(message.data(), DATA),
                message.createdAt(),
                message.readAt());
    }
}
