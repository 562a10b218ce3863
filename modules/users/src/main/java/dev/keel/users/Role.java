package dev.keel.users;

/** What a user may do: every account is a USER, some are also ADMIN. */
enum Role {
    USER,
    ADMIN
}
