/** Test support shared by every module's tests: a real PostgreSQL per test JVM and common test settings. */
@NullMarked
package dev.keel.platform.test;

import org.jspecify.annotations.NullMarked;
