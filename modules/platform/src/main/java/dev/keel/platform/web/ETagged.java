package dev.keel.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.modulith.NamedInterface;

/**
 * The operation's successful answer carries the resource's version as {@code ETag}. On a GET, Spring MVC then
 * answers {@code If-None-Match} with 304 and a stale {@code If-Match} with 412; the OpenAPI document says so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@NamedInterface("web")
public @interface ETagged {}
