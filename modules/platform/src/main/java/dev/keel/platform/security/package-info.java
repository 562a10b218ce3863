@NullMarked
package dev.keel.platform.security;

import org.jspecify.annotations.NullMarked;
