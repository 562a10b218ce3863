@NullMarked
package dev.keel.platform.web;

import org.jspecify.annotations.NullMarked;
