package dev.keel.platform.web;

import java.io.CharArrayWriter;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.valves.AbstractAccessLogValve;

/**
 * Tomcat's access log valve, formatting each line with its pattern as usual, but writing it to the process's
 * standard output, the stream the application's own log lines go to, instead of a file of its own. Opening
 * {@code /dev/stdout} as a file would give the valve a second file offset: with output redirected to a file
 * ({@code > keel.log}) its lines and the application's would overwrite each other.
 *
 * <p>Each line is written and flushed as one piece, so lines of concurrent requests never interleave.
 */
final class StandardOutputAccessLog extends AbstractAccessLogValve {

    StandardOutputAccessLog(String pattern) {
        setPattern(pattern);
        setAsyncSupported(true);
    }

    @Override
    protected void log(CharArrayWriter message) {
        message.append(System.lineSeparator());
        var line = message.toString().getBytes(StandardCharsets.UTF_8);
        var out = System.out;
        out.write(line, 0, line.length);
        out.flush();
    }
}
