package dev.keel;

import dev.keel.ops.OpsCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Keel: accounts, billing and notifications as one modular application. Started with a command
 * ({@code java -jar keel.jar db migrate}) it runs that ops command instead of the server and exits.
 */
@SpringBootApplication
@Modulithic(systemName = "Keel", sharedModules = "platform")
public class KeelApplication {

    public static void main(String[] args) {
        if (OpsCommandLine.isCommand(args)) {
            System.exit(OpsCommandLine.run(KeelApplication.class, args));
        }
        SpringApplication.run(KeelApplication.class, args);
    }
}
