/**
 * Conventions every Keel module shares. Other modules use it only through its named interfaces:
 *
 * <ul>
 *   <li>{@code web}: problems ({@code KeelProblem}, {@code NotFound}, {@code Conflict}, {@code
 *       InvalidInput} with {@code FieldViolation}), cursor paging ({@code Page}, {@code Cursors}),
 *       {@code ETags}, and what handlers declare for the OpenAPI document ({@code ProblemResponse},
 *       {@code ETagged}, {@code RateLimited});
 *   <li>{@code security}: the caller ({@code AuthenticatedUser}, {@code PrincipalResolver}), {@code
 *       PublicEndpoints}, {@code AccountDisabled} and the token settings ({@code SecurityProperties});
 *   <li>{@code persistence}: {@code Ids};
 *   <li>{@code time}: the {@code ClusterLock} for scheduled work and {@code TimeTravel};
 *   <li>{@code idempotency}: {@code IdempotencyKeyRequirement};
 *   <li>{@code cluster}: {@code ClusterSignals}, which keep the caches of every replica coherent.
 * </ul>
 *
 * Everything else (filters, the problem handling, security configuration, event publication upkeep) is
 * internal. Business time comes from the {@code java.time.Clock} bean.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package dev.keel.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
