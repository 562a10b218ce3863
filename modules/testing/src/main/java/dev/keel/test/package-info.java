/**
 * Test support shared by every module's tests: a real PostgreSQL per test JVM ({@link dev.keel.test.TestDatabase}),
 * the HTTP test client ({@link dev.keel.test.Api}) and access tokens ({@link dev.keel.test.TestTokens}). Its own
 * package, outside every module, so that no module claims it.
 */
@NullMarked
package dev.keel.test;

import org.jspecify.annotations.NullMarked;
