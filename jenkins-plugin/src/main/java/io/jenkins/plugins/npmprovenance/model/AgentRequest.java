package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.registry.ProxySettings;
import java.io.Serializable;
import java.util.Optional;

/**
 * What the controller sends to the agent: parameters, the registry token (only when a credential was named), the
 * controller's proxy.
 */
public record AgentRequest(StepParameters parameters, String token, ProxySettings proxy)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Optional<String> tokenValue() {
        return token == null || token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    public Optional<ProxySettings> proxySettings() {
        return Optional.ofNullable(proxy);
    }

    @Override
    public String toString() {
        return "AgentRequest[" + parameters + ", token=" + (tokenValue().isPresent() ? "***" : "none") + "]";
    }
}
