package dev.keel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Keel: accounts, billing and notifications as one modular application. */
@SpringBootApplication
@Modulithic(systemName = "Keel", sharedModules = "platform")
public class KeelApplication {

    public static void main(String[] args) {
        SpringApplication.run(KeelApplication.class, args);
    }
}
