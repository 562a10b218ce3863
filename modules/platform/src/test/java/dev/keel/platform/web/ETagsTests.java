package dev.keel.platform.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ETagsTests {

    @Test
    void passesMissingWildcardAndCurrentVersions() {
        assertThatCode(() -> ETags.checkIfMatch(null, 3)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.checkIfMatch("*", 3)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.checkIfMatch("\"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.checkIfMatch("\"1\", W/\"3\"", 3)).doesNotThrowAnyException();
    }

    @Test
    void refusesStaleVersions() {
        assertThatThrownBy(() -> ETags.checkIfMatch("\"2\"", 3)).isInstanceOf(PreconditionFailed.class);
        assertThatThrownBy(() -> ETags.checkIfMatch("3", 3)).isInstanceOf(PreconditionFailed.class);
    }
}
