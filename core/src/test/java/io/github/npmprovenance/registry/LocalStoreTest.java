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
        LocalStore store = LocalStore.create(root);
        Registry registry = Registry.of("https://registry.npmjs.org/");
        Files.writeString(dir.resolve("secret.json"), "sha256:x\n{}");

        for (String[] hostile : List.of(new String[] {"../../secret", "1.0.0"}, new String[] {"left-pad", "../../../x"},
                new String[] {"@scope/../../x", "1.0.0"}, new String[] {"a/b/c", "1.0.0"})) {
            store.writeVersion(registry, new VersionMetadata(hostile[0], hostile[1], Optional.of("sha512-AAAA"),
                    List.of(), Optional.empty(), Optional.empty()));
            assertThat(store.readVersion(registry, hostile[0], hostile[1])).isEmpty();
        }

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList())
                    .containsExactlyInAnyOrder(dir.resolve("secret.json"), root.resolve("snapshot.json"));
        }
    }

    @Test
    void aSnapshotIndexLargerThanAnyEntryIsRefusedUnread() throws Exception {
        // a snapshot kept in a checkout: snapshot.json committed as a link to a file of gigabytes (here sparse) was
        // read whole, and the run died with an OutOfMemoryError and exit code 1
        Path root = Files.createDirectories(dir.resolve("snapshot"));
        Path huge = dir.resolve("huge");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024);
        }
        Files.createSymbolicLink(root.resolve("snapshot.json"), huge);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalStore.open(root))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("is not in the layout");
    }

    @Test
    void registryIdsCannotClimbOutOfTheStore() {
        assertThat(StoreNames.registryDirectory(Registry.of("https://npm.example.com:8443/../../etc/")))
                .doesNotContain("/").doesNotContain("..");
        assertThat(StoreNames.registryDirectory(Registry.of("https://npm.corp.example/artifactory/api/npm/npm/")))
                .matches("npm\\.corp\\.example_artifactory_api_npm_npm-[0-9a-f]{16}");
    }

    /** Windows opens a device for {@code con.corp.example}; no file system takes a name of over 255 bytes. */
    @Test
    void aRegistryDirectoryIsOneUsableFileNameWhateverTheHostAndHoweverLongThePath() {
        String deep = StoreNames.registryDirectory(Registry.of("https://npm.corp.example/" + "x/".repeat(200)));
        assertThat(deep).hasSize(StoreNames.MAX_FILE_NAME).matches("npm\\.corp\\.example_x_x[_x]*-[0-9a-f]{16}");
        assertThat(StoreNames.registryDirectory(Registry.of("https://npm.corp.example/" + "x/".repeat(200) + "y/")))
                .isNotEqualTo(deep);
        assertThat(StoreNames.registryDirectory(Registry.of("https://con.corp.example/")))
                .matches("_con\\.corp\\.example-[0-9a-f]{16}");
        assertThat(StoreNames.registryDirectory(Registry.of("http://NUL.internal:4873/")))
                .matches("_nul\\.internal_4873-[0-9a-f]{16}");
        // no dot: the name is not the device's, whatever follows
        assertThat(StoreNames.registryDirectory(Registry.of("http://aux:4873/"))).matches("aux_4873-[0-9a-f]{16}");
        assertThat(StoreNames.registryDirectory(Registry.of("https://console.example/")))
                .startsWith("console.example-");
    }

    /**
     * A snapshot directory may be kept in a checkout, where a pull request can commit links: recording into it must
     * not write through a link to the keys file or to a registry's or package's directory.
     */
    @Test
    void recordingDoesNotWriteThroughSymbolicLinks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("snapshot"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("authorized_keys"), "precious\n");
        LocalStore store = LocalStore.create(root);
        Registry registry = Registry.of("https://registry.npmjs.org/");
        Path registryDir = Files.createDirectories(root.resolve(StoreNames.registryDirectory(registry)));
        Files.createSymbolicLink(registryDir.resolve("keys.json"), victim);
        Files.createSymbolicLink(registryDir.resolve("packages"), outside);
        Registry corp = Registry.of("https://npm.corp.example/");
        Files.createSymbolicLink(root.resolve(StoreNames.registryDirectory(corp)), outside);

        for (org.junit.jupiter.api.function.Executable write : List.<org.junit.jupiter.api.function.Executable>of(
                () -> store.writeKeys(registry, Optional.empty()),
                () -> store.writeVersion(registry, new VersionMetadata("left-pad", "1.3.0",
                        Optional.of("sha512-AAAA"), List.of(), Optional.empty(), Optional.empty())),
                () -> store.writeKeys(corp, Optional.empty()))) {
            try {
                write.execute();
            } catch (java.io.IOException refused) {
                // refusing is what should happen; writing through the link is not
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        }

        assertThat(victim).hasContent("precious");
        try (Stream<Path> files = Files.walk(outside)) {
            assertThat(files.toList()).containsExactly(outside, victim);
        }
    }

    /** Recording again removes a version the registry stopped listing: never through a link to another directory. */
    @Test
    void removingAVersionDoesNotDeleteThroughSymbolicLinks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("snapshot"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(Files.createDirectories(outside.resolve("left-pad")).resolve("1.3.0.json"),
                "precious\n");
        LocalStore store = LocalStore.create(root);
        Registry registry = Registry.of("https://registry.npmjs.org/");
        Path registryDir = Files.createDirectories(root.resolve(StoreNames.registryDirectory(registry)));
        Files.createSymbolicLink(registryDir.resolve("packages"), outside);

        try {
            store.removeVersion(registry, "left-pad", "1.3.0");
        } catch (java.io.IOException refused) {
            // refusing is what should happen; deleting through the link is not
        }

        assertThat(victim).hasContent("precious");
    }
}
