@NullMarked
package dev.keel.platform.persistence;

import org.jspecify.annotations.NullMarked;
