package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Mirrors credentials {@code com.cloudbees.plugins.credentials.CredentialsMatcher}. */
public interface CredentialsMatcher extends Serializable {
    boolean matches(Credentials item);
}
