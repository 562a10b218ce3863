package dev.keel.platform.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The answers stored for idempotency keys, as far as a module must erase them with the person they are
 * about. A signed-in caller's answers are theirs; an anonymous request's answer is about whoever its
 * handler names ({@link #about}), such as the account a registration created.
 */
@Component
@NamedInterface("idempotency")
public class IdempotentAnswers {

    static final String SUBJECT = IdempotentAnswers.class.getName() + ".subject";

    private final IdempotencyStore store;

    IdempotentAnswers(IdempotencyStore store) {
        this.store = store;
    }

    /** Marks the answer the handler is writing as one about this person. */
    public static void about(HttpServletRequest request, UUID person) {
        request.setAttribute(SUBJECT, person);
    }

    /** Deletes every stored answer about the person and to their requests, in the caller's transaction. */
    public void forget(UUID person) {
        store.forget(person);
    }
}
