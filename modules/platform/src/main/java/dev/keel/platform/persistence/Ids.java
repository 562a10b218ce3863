package dev.keel.platform.persistence;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

/** Time-ordered (version 7) UUIDs, so that ids sort by creation time and index well. */
@NamedInterface("persistence")
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    public static UUID newId() {
        return GENERATOR.generate();
    }
}
