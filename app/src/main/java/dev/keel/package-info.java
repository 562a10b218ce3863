@NullMarked
package dev.keel;

import org.jspecify.annotations.NullMarked;
