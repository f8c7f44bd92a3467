package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Run;
import java.util.List;

/** Mirrors credentials {@code CredentialsProvider}: the one static lookup the plugin uses. */
public abstract class CredentialsProvider {
    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
