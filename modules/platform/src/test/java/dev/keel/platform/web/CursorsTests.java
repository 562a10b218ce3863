package dev.keel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.platform.persistence.Ids;
import dev.keel.platform.security.SecurityProperties;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CursorsTests {

    final Cursors cursors = cursors("a-secret-of-at-least-thirty-two-characters");

    @Test
    void roundTripsTheLastId() {
        var id = Ids.newId();

        assertThat(cursors.decode(cursors.encode(id))).isEqualTo(id);
        assertThat(cursors.decode(null)).isNull();
        assertThat(cursors.decode("")).isNull();
    }

    @Test
    void refusesForgedAlteredAndGarbledCursors() {
        var cursor = cursors.encode(Ids.newId());
        var altered = (cursor.charAt(0) == 'A' ? 'B' : 'A') + cursor.substring(1);
        var fromOtherKey =
                cursors("another-secret-of-at-least-thirty-two-chars").encode(Ids.newId());

        for (var bad : List.of(altered, fromOtherKey, "garbage!", "AAAA", cursor + "AA")) {
            assertThatThrownBy(() -> cursors.decode(bad))
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.code()).isEqualTo(ProblemCodes.VALIDATION_FAILED));
        }
    }

    @Test
    void cutsPagesAndPointsAtTheNextOne() {
        var ids = IntStream.range(0, 3).mapToObj(i -> Ids.newId()).toList();

        var full = cursors.page(ids, 2, Function.identity(), UUID::toString);
        assertThat(full.items())
                .containsExactly(ids.get(0).toString(), ids.get(1).toString());
        assertThat(cursors.decode(full.nextCursor())).isEqualTo(ids.get(1));

        var last = cursors.page(ids.subList(0, 2), 2, Function.identity(), UUID::toString);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void idsSortByCreationTime() {
        var first = Ids.newId();
        var second = Ids.newId();

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.compareTo(second)).isNegative();
    }

    private static Cursors cursors(String secret) {
        return new Cursors(new SecurityProperties(secret, "keel", Duration.ofMinutes(15)));
    }
}
