/**
 * Conventions every Keel module shares: problem responses, security, pagination, request ids and
 * persistence helpers. An open module, so the domain modules may use all of it.
 */
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.keel.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
