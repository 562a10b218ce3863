package dev.keel.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifications module.
 *
 * @param publicBaseUrl where users reach Keel; links in messages start with it
 * @param locale the language of subjects and titles
 * @param email sender address and whether mail is captured instead of sent
 * @param delivery how owed deliveries are sent and retried
 * @param webhooks the webhook channel's limits and protections
 */
@Validated
@ConfigurationProperties("keel.notifications")
public record NotificationsProperties(
        @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
        @DefaultValue("en") @NotNull Locale locale,
        @DefaultValue @Valid Email email,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Webhooks webhooks) {

    /**
     * The email channel.
     *
     * @param from the sender of every email
     * @param capture keep mail in the development mailbox ({@code GET /api/v1/admin/dev/mailbox}) instead
     *     of sending it; for the embedded default profile only
     */
    public record Email(
            @DefaultValue("Keel <no-reply@keel.local>") @NotBlank
            String from,

            @DefaultValue("false") boolean capture) {}

    /**
     * How owed deliveries are sent and retried.
     *
     * @param pollInterval how often each replica looks for due deliveries (new ones are sent at once)
     * @param batchSize deliveries one worker claims at a time
     * @param concurrency workers sending at the same time on this replica
     * @param lease how long a claimed delivery is left to its worker before another may take it over
     * @param retrySchedule the waits after each failed attempt; after the last one a delivery has failed
     * @param jitter the share by which each wait is randomly lengthened or shortened (0.2 = 20 %)
     * @param retention how long sent and failed deliveries are kept for the delivery log
     */
    public record Delivery(
            @DefaultValue("PT1S") @NotNull @DurationMin(millis = 10)
            Duration pollInterval,

            @DefaultValue("50") @Min(1) int batchSize,
            @DefaultValue("4") @Min(1) int concurrency,

            @DefaultValue("PT1M") @NotNull @DurationMin(seconds = 1)
            Duration lease,

            @DefaultValue({"PT30S", "PT2M", "PT10M", "PT1H", "PT6H", "PT24H"}) @NotEmpty
            List<@NotNull Duration> retrySchedule,

            @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("0.5")
            double jitter,

            @DefaultValue("P30D") @NotNull @DurationMin(hours = 1)
            Duration retention) {

        public Delivery {
            retrySchedule = List.copyOf(retrySchedule);
        }
    }

    /**
     * The webhook channel's limits and protections.
     *
     * @param allowInsecureTargets accept {@code http} and private, loopback or link-local addresses; for
     *     local development and tests only, never in production
     * @param secretKey encrypts the signing secrets at rest (required in production); without it they are
     *     stored as they are
     * @param connectTimeout connect timeout of a delivery
     * @param readTimeout read timeout of a delivery
     * @param disableAfter an endpoint that fails for this long without a success is disabled
     * @param manualRetriesPerHour manual retries a user may ask for per hour, across their endpoints: each
     *     one makes Keel call the endpoint's URL at once
     */
    public record Webhooks(
            @DefaultValue("false") boolean allowInsecureTargets,
            @Nullable @Size(min = 32) String secretKey,

            @DefaultValue("PT2S") @NotNull @DurationMin(millis = 1)
            Duration connectTimeout,

            @DefaultValue("PT5S") @NotNull @DurationMin(millis = 1)
            Duration readTimeout,

            @DefaultValue("P3D") @NotNull @DurationMin(seconds = 1)
            Duration disableAfter,

            @DefaultValue("30") @Min(1) int manualRetriesPerHour) {}
}
