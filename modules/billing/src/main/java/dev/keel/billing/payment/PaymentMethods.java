package dev.keel.billing.payment;

import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.InvalidInput;
import dev.keel.platform.web.NotFound;
import dev.keel.users.UserDeleted;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's cards: added through the gateway, one of them the default that renewals charge. */
@Service
@Transactional
public class PaymentMethods {

    private final PaymentMethodRepository methods;
    private final PaymentGateway gateway;
    private final UserLocks locks;
    private final Clock clock;

    PaymentMethods(PaymentMethodRepository methods, PaymentGateway gateway, UserLocks locks, Clock clock) {
        this.methods = methods;
        this.gateway = gateway;
        this.locks = locks;
        this.clock = clock;
    }

    /** Concurrent adds and removals of one user's cards always leave exactly one default. */
    private void lockCardsOf(UUID userId) {
        locks.lock(userId);
    }

    /** The first card of a user becomes the default. */
    public PaymentMethod add(UUID userId, String token) {
        var card = gateway.attach(token);
        lockCardsOf(userId);
        var first = !methods.existsByUserId(userId);
        var now = clock.instant();
        return methods.saveAndFlush(new PaymentMethod(userId, card, first, now));
    }

    @Transactional(readOnly = true)
    List<PaymentMethod> page(UUID userId, @Nullable UUID after, int limit) {
        return methods.findPage(userId, after, Limit.of(limit + 1));
    }

    @Transactional(readOnly = true)
    PaymentMethod get(UUID userId, UUID id) {
        return methods.findByIdAndUserId(id, userId).orElseThrow(() -> new NotFound("Payment method"));
    }

    /** Removing the default hands that role to the newest remaining card. */
    void remove(UUID userId, UUID id) {
        lockCardsOf(userId);
        var method = get(userId, id);
        methods.delete(method);
        methods.flush();
        if (method.isDefault()) {
            methods.findByUserIdOrderByIdDesc(userId).stream()
                    .findFirst()
                    .ifPresent(newest -> newest.makeDefault(true));
        }
    }

    PaymentMethod makeDefault(UUID userId, UUID id) {
        lockCardsOf(userId);
        var chosen = get(userId, id);
        // Clear the old default first: one default per user is a unique index, checked row by row.
        methods.findByUserIdOrderByIdDesc(userId).stream()
                .filter(method -> method.isDefault() && !method.id().equals(id))
                .forEach(method -> method.makeDefault(false));
        methods.flush();
        chosen.makeDefault(true);
        return methods.saveAndFlush(chosen);
    }

    /**
     * The card to charge: the one named in the request (the first charge of a subscription, a payment by
     * hand), else the user's default card, which renewals and retries always use, so that making a card
     * the default is how a user chooses what is charged from now on.
     *
     * @throws dev.keel.platform.web.InvalidInput when the named card is not the user's
     */
    @Transactional(readOnly = true)
    public Optional<PaymentMethod> cardFor(UUID userId, @Nullable UUID named) {
        if (named != null) {
            return Optional.of(methods.findByIdAndUserId(named, userId)
                    .orElseThrow(() -> new InvalidInput(new FieldViolation(
                            "paymentMethodId", "unknown_payment_method", "No such payment method."))));
        }
        return methods.findByUserIdAndDefaultMethodTrue(userId);
    }

    /** A deleted account keeps no cards. */
    @ApplicationModuleListener
    void on(UserDeleted event) {
        methods.deleteAllOf(event.userId());
    }
}
