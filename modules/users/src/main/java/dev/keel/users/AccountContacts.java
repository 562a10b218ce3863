package dev.keel.users;

import java.util.Optional;
import java.util.UUID;

/**
 * Where to write to an account, for the modules that message it. They keep their own copy from
 * {@link UserRegistered}; this answers when that copy is missing: an account that was never registered
 * through the API (the bootstrap admin), or one whose registration event is still on its way, for
 * instance resubmitted after the replica that published it died.
 */
public interface AccountContacts {

    /** The address and the name an account goes by. */
    record Contact(String email, String displayName) {}

    /** The live account's contact; empty once the account is deleted, or if there is no such account. */
    Optional<Contact> of(UUID userId);
}
