package dev.keel.notifications.preferences;

import dev.keel.notifications.message.Category;
import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/api/v1/notification-preferences")
@Tag(name = "notification-preferences", description = "Which channels the caller wants per category")
class PreferencesController {

    @Schema(name = "NotificationChannels")
    record ChannelSwitches(
            @NotNull Boolean email,
            @NotNull Boolean inApp,
            @NotNull Boolean webhook) {}

    @Schema(name = "NotificationCategories")
    record Categories(
            @NotNull @Valid ChannelSwitches account,
            @NotNull @Valid ChannelSwitches billing,
            @NotNull @Valid ChannelSwitches security) {}

    @Schema(name = "NotificationPreferences")
    record PreferencesBody(@NotNull @Valid Categories categories) {}

    private static final String ETAG = "The version of the preferences; send it as If-Match to replace them";

    private final Preferences preferences;

    PreferencesController(Preferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    @Operation(operationId = "getNotificationPreferences", summary = "The caller's channels per category")
    @ApiResponse(
            responseCode = "200",
            description = "The caller's channels per category",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ETagged
    @Nullable
    ResponseEntity<PreferencesBody> get(@AuthenticationPrincipal AuthenticatedUser caller, WebRequest request) {
        var chosen = preferences.of(caller.id());
        var etag = ETags.of(chosen.version());
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(body(chosen));
    }

    @PutMapping
    @Operation(
            operationId = "putNotificationPreferences",
            summary = "Replace the caller's channels per category; security messages are always emailed")
    @ApiResponse(
            responseCode = "200",
            description = "The channels now chosen",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ETagged
    ResponseEntity<PreferencesBody> put(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Parameter(
                            description = "The ETag of the preferences this change is based on; refused with 412 if"
                                    + " they changed since. Without it they are replaced whatever they are.")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
            @Valid @RequestBody PreferencesBody body) {
        var categories = body.categories();
        if (!categories.security().email()) {
            throw new InvalidInput(new FieldViolation(
                    "categories.security.email", "always_on", "Security messages are always emailed."));
        }
        var switches = new EnumMap<Category, Preferences.Switches>(Category.class);
        switches.put(Category.ACCOUNT, switches(categories.account()));
        switches.put(Category.BILLING, switches(categories.billing()));
        switches.put(Category.SECURITY, switches(categories.security()));
        var chosen = preferences.replace(caller.id(), switches, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(chosen.version())).body(body(chosen));
    }

    private static Preferences.Switches switches(ChannelSwitches channels) {
        return new Preferences.Switches(channels.email(), channels.inApp(), channels.webhook());
    }

    private static PreferencesBody body(Preferences.Chosen chosen) {
        return new PreferencesBody(new Categories(
                channels(chosen.get(Category.ACCOUNT)),
                channels(chosen.get(Category.BILLING)),
                channels(chosen.get(Category.SECURITY))));
    }

    private static ChannelSwitches channels(Preferences.Switches switches) {
        return new ChannelSwitches(switches.email(), switches.inApp(), switches.webhook());
    }
}
