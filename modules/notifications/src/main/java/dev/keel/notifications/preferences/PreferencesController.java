package dev.keel.notifications.preferences;

import dev.keel.notifications.message.Category;
import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notification-preferences")
@Tag(name = "notification-preferences", description = "Which channels the caller wants per category")
class PreferencesController {

    record ChannelSwitches(
            @NotNull Boolean email,
            @NotNull Boolean inApp,
            @NotNull Boolean webhook) {}

    record Categories(
            @NotNull @Valid ChannelSwitches account,
            @NotNull @Valid ChannelSwitches billing,
            @NotNull @Valid ChannelSwitches security) {}

    record PreferencesBody(@NotNull @Valid Categories categories) {}

    private final Preferences preferences;

    PreferencesController(Preferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    @Operation(operationId = "getNotificationPreferences", summary = "The caller's channels per category")
    PreferencesBody get(@AuthenticationPrincipal AuthenticatedUser caller) {
        return body(preferences.of(caller.id()));
    }

    @PutMapping
    @Operation(
            operationId = "putNotificationPreferences",
            summary = "Replace the caller's channels per category; security messages are always emailed")
    PreferencesBody put(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody PreferencesBody body) {
        var categories = body.categories();
        if (!categories.security().email()) {
            throw new InvalidInput(new FieldViolation(
                    "categories.security.email", "always_on", "Security messages are always emailed."));
        }
        var switches = new EnumMap<Category, Preferences.Switches>(Category.class);
        switches.put(Category.ACCOUNT, switches(categories.account()));
        switches.put(Category.BILLING, switches(categories.billing()));
        switches.put(Category.SECURITY, switches(categories.security()));
        preferences.replace(caller.id(), switches);
        return body(preferences.of(caller.id()));
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
