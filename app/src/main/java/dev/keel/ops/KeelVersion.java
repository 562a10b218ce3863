package dev.keel.ops;

import java.io.IOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version and build time that the build wrote into the jar. */
final class KeelVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        try (var in = KeelVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in == null) {
                return new String[] {"keel (no build information in this class path)"};
            }
            var info = new Properties();
            info.load(in);
            return new String[] {
                "keel " + info.getProperty("build.version") + ", built " + info.getProperty("build.time")
            };
        }
    }
}
