package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisabledOnOs(OS.WINDOWS)
class UserHomeTest {
    @Test
    void homeIsHomeAsTheEnvironmentHasIt() {
        assertThat(UserHome.of(Map.of("HOME", "/github/home")::get)).isEqualTo(Path.of("/github/home"));
    }

    @Test
    void aRelativeHomeIsNoHomeRatherThanTheDirectoryTheRunStartedIn() {
        // before: ./?/.npmrc in the checkout read as the user's, ./?/.cache the cache
        assertThat(UserHome.of(Map.of("HOME", ".")::get)).isEqualTo(Path.of("/nonexistent"));
        assertThat(UserHome.of(Map.of("HOME", "?")::get)).isEqualTo(Path.of("/nonexistent"));
    }

    @Test
    void aUserIdWithoutAnEntryAndNoHomeHasNone() {
        // the JDK's user.home for a user id the password database does not know
        String before = System.getProperty("user.home");
        System.setProperty("user.home", "?");
        try {
            assertThat(UserHome.of(Map.<String, String>of()::get)).isEqualTo(Path.of("/nonexistent"));
        } finally {
            System.setProperty("user.home", before);
        }
    }
}
