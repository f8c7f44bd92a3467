package io.github.npmprovenance.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** The rule of the policy that decided a package, named in reports by its key in the policy file. */
public enum PolicyRule {
    FAIL_ON("fail-on"),
    REQUIRE_PROVENANCE("require-provenance"),
    TRUSTED_SOURCES("trusted-sources"),
    ALLOW("allow");

    private final String key;

    PolicyRule(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }
}
