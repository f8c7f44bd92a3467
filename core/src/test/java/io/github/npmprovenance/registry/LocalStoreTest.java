package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names and versions come from lockfiles and registries: none may place or read a file outside the store. */
class LocalStoreTest {
    @TempDir
    Path dir;

    @Test
    void hostileNamesAndVersionsNeitherWriteNorReadOutsideTheStore() throws Exception {
        Path root = Files.createDirectories(dir.resolve("store"));
        LocalStore store = new LocalStore(root);
        Registry registry = Registry.of("https://registry.npmjs.org/");
        Files.writeString(dir.resolve("secret.json"), "sha256:x\n{}");

        for (String[] hostile : List.of(new String[] {"../../secret", "1.0.0"}, new String[] {"left-pad", "../../../x"},
                new String[] {"@scope/../../x", "1.0.0"}, new String[] {"a/b/c", "1.0.0"})) {
            store.writeVersion(registry, new VersionMetadata(hostile[0], hostile[1], Optional.of("sha512-AAAA"),
                    List.of(), Optional.empty(), Optional.empty()));
            assertThat(store.readVersion(registry, hostile[0], hostile[1])).isEmpty();
        }

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(dir.resolve("secret.json"));
        }
    }

    @Test
    void registryIdsCannotClimbOutOfTheStore() {
        assertThat(LocalStore.registryId(Registry.of("https://npm.example.com:8443/../../etc/")))
                .doesNotContain("/").doesNotContain("..");
        assertThat(LocalStore.registryId(Registry.of("https://npm.corp.example/artifactory/api/npm/npm/")))
                .isEqualTo("npm.corp.example_artifactory_api_npm_npm");
    }
}
