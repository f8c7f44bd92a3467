package com.cloudbees.plugins.credentials.domains;

import java.util.List;

/** Mirrors credentials {@code URIRequirementBuilder} (since 1.6): the members the plugin uses. */
public class URIRequirementBuilder {
    private URIRequirementBuilder() {
    }

    public static URIRequirementBuilder fromUri(String uri) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
