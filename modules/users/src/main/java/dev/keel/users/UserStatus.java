package dev.keel.users;

/** Whether an account may sign in and use its tokens. */
enum UserStatus {
    ACTIVE,
    DISABLED
}
