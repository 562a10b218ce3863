package dev.keel;

import dev.keel.test.TestDatabase;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.Modulithic;

/** The boot class the users module's {@code @ApplicationModuleTest}s start from. */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
@Import(TestDatabase.class)
public class UsersTestApplication {}
