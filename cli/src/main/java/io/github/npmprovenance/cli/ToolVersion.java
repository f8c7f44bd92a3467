package io.github.npmprovenance.cli;

import io.github.npmprovenance.run.BuildProperties;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into the jar. */
final class ToolVersion implements CommandLine.IVersionProvider {
    static final String VALUE = load("version.properties").getProperty("version", "unknown");

    private static Properties load(String resource) {
        return BuildProperties.of(ToolVersion.class, resource);
    }

    @Override
    public String[] getVersion() {
        Properties trust = load("/io/github/npmprovenance/attestation/trust-material.properties");
        return new String[] {"npm-provenance " + VALUE,
            "embedded trust material: @sigstore/tuf " + trust.getProperty("sigstore-tuf.version", "unknown")
                    + " seeds (Sigstore public-good trusted root, npm registry keys)"};
    }
}
