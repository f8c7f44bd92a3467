package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Facts about the recorded fixtures that tests need without starting a server. */
public final class FixtureRegistryData {
    private static final Map<String, JsonNode> NUXT = new ConcurrentHashMap<>();

    private FixtureRegistryData() {
    }

    /** {@code dist.integrity} of a recorded version. */
    public static String integrity(String name, String version) {
        JsonNode dist;
        if (name.equals("nuxt")) {
            dist = NUXT.computeIfAbsent("nuxt", n -> Fixtures.json("registry/packuments/nuxt.json"))
                    .path("versions").path(version).path("dist");
        } else {
            dist = Fixtures.json("registry/manifests/" + name.replace("/", "%2f") + "@" + version + ".json").path("dist");
        }
        if (!dist.has("integrity")) {
            throw new IllegalArgumentException("no recorded integrity for " + name + "@" + version);
        }
        return dist.get("integrity").asText();
    }
}
