package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

/** Mirrors plain-credentials {@code org.jenkinsci.plugins.plaincredentials.StringCredentials}. */
public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
