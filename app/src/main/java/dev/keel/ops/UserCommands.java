package dev.keel.ops;

import dev.keel.users.AdminAccounts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "User accounts.",
        subcommands = UserCommands.CreateAdmin.class)
final class UserCommands extends CommandGroup {

    @Command(
            name = "create-admin",
            mixinStandardHelpOptions = true,
            description = {
                "Creates an active account with the USER and ADMIN roles.",
                "The password is the first line of standard input, so that it never shows in the process list or"
                        + " the shell history: printf '%%s\\n' \"$ADMIN_PASSWORD\" | java -jar keel.jar users"
                        + " create-admin --email ops@example.com --password-stdin"
            })
    static final class CreateAdmin extends OpsCommand {

        @Option(names = "--email", required = true, description = "The admin's email (sign-in name).")
        @SuppressWarnings("NullAway.Init") // required: picocli sets it or refuses the command
        String email;

        @Option(
                names = "--password-stdin",
                required = true,
                description = "Read the password from standard input (10 to 128 characters). Required: a"
                        + " password is never taken as an argument.")
        boolean passwordFromStdin;

        @Override
        int run() throws Exception {
            var reader = new BufferedReader(new InputStreamReader(stdin(), StandardCharsets.UTF_8));
            var password = reader.readLine();
            if (password == null || password.isBlank()) {
                err().println("error: no password on standard input");
                return ExitCodes.USAGE;
            }
            var id = bean(AdminAccounts.class).createAdmin(email, password);
            out().println("Created admin " + email.strip() + " (" + id + ")");
            return ExitCodes.OK;
        }
    }
}
