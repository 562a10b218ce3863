package dev.keel.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.keel.platform.idempotency.IdempotencyFilter;
import dev.keel.platform.web.DatabaseUnavailable;
import dev.keel.platform.web.Problems;
import dev.keel.platform.web.WebProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Stateless bearer-token security for the whole API: HMAC-signed JWT access tokens, module-contributed
 * authorisation rules, and problem responses for 401 and 403.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

    /** Only where there is a web server: the ops commands start the application without one. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            List<PublicEndpoints> publicEndpoints,
            ObjectProvider<PrincipalResolver> principalResolver,
            JwtDecoder jwtDecoder,
            IdempotencyFilter idempotency,
            Problems problems,
            DatabaseUnavailable databaseUnavailable,
            WebProperties web,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        var handlers = new ProblemSecurityHandlers(problems, databaseUnavailable);
        var resolver = principalResolver.getIfAvailable(() -> SecurityConfiguration::fromClaims);
        var anyone = publicEndpoints.isEmpty()
                ? (RequestMatcher) request -> false
                : new OrRequestMatcher(
                        publicEndpoints.stream().map(PublicEndpoints::matcher).toList());
        var headerTokens = new DefaultBearerTokenResolver();
        http.addFilterAfter(new CallerTracking(), BearerTokenAuthenticationFilter.class);
        if (web.clientRateLimit().enabled()) {
            // Once the caller is known, before anything that may need the database.
            http.addFilterAfter(new RequestRateLimit(web.clientRateLimit(), problems), CallerTracking.class);
        }
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {})
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .oauth2ResourceServer(server -> server.bearerTokenResolver(
                                request -> anyone.matches(request) ? null : headerTokens.resolve(request))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(token -> {
                            try {
                                return new KeelAuthentication(resolver.resolve(token), token);
                            } catch (RuntimeException e) {
                                if (DatabaseUnavailable.causedBy(e)) {
                                    throw new AccountUncheckable(e);
                                }
                                throw e;
                            }
                        })))
                .addFilterAfter(idempotency, AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers("/error").permitAll();
                    rules.requestMatchers(
                                    HttpMethod.GET,
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus")
                            .permitAll();
                    rules.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                            .permitAll();
                    rules.requestMatchers(anyone).permitAll();
                    // Routes that do not exist answer 404/405 to anyone, admin paths included (so a
                    // development-only admin path switched off in production is simply not there).
                    var unmapped = new UnmappedApiRoutes(mappings);
                    rules.requestMatchers(unmapped).permitAll();
                    rules.requestMatchers("/api/v1/admin/**", "/actuator/**").hasRole(AuthenticatedUser.ADMIN);
                    rules.anyRequest().authenticated();
                })
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        // Wall time, not the application clock: time travel must neither expire nor revive a token.
        var clock = Clock.systemUTC();
        var decoder = NimbusJwtDecoder.withSecretKey(signingKey(properties))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // No leeway: Keel signs the tokens itself.
        var expiry = new JwtTimestampValidator(Duration.ZERO);
        expiry.setClock(clock);
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator(properties.issuer())));
        return new VerifiedTokenCache(decoder, clock, properties.accessTokenTtl());
    }

    @Bean
    JwtEncoder jwtEncoder(SecurityProperties properties) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(signingKey(properties)));
    }

    /**
     * Argon2id for new hashes (BCrypt refuses passwords past 72 bytes, and the contract allows 128
     * characters); stored hashes carry their algorithm, so BCrypt ones still verify and the default can move.
     * As many hashes run at once as there are cores: more would not finish sooner, only hold more memory.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BoundedPasswordEncoder(
                new DelegatingPasswordEncoder(
                        ARGON2,
                        Map.of(
                                ARGON2,
                                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                                "bcrypt",
                                new BCryptPasswordEncoder())),
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    private static SecretKey signingKey(SecurityProperties properties) {
        return new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static AuthenticatedUser fromClaims(org.springframework.security.oauth2.jwt.Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        return new AuthenticatedUser(
                UUID.fromString(token.getSubject()), roles == null ? java.util.Set.of() : new HashSet<>(roles));
    }
}
