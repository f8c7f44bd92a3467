package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The recorded fixtures on the test class path (also inside the core test jar, for the front ends' tests). */
public final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROOT = "/fixtures/";

    private Fixtures() {
    }

    public static JsonNode json(String relative) {
        try (InputStream in = open(relative)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String relative) {
        try (InputStream in = open(relative)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InputStream open(String relative) {
        String normalized = Path.of(relative).normalize().toString().replace('\\', '/');
        InputStream in = Fixtures.class.getResourceAsStream(ROOT + normalized);
        if (in == null) {
            throw new IllegalArgumentException("no fixture " + relative);
        }
        return in;
    }

    /** File names in a fixture directory, sorted. */
    public static List<String> list(String directory) {
        URL url = Fixtures.class.getResource(ROOT + directory);
        if (url == null) {
            throw new IllegalArgumentException("no fixture directory " + directory);
        }
        try {
            if (url.getProtocol().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                    return names(fs.getPath(ROOT + directory));
                }
            }
            return names(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
