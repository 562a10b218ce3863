@NullMarked
package dev.keel.platform.openapi;

import org.jspecify.annotations.NullMarked;
