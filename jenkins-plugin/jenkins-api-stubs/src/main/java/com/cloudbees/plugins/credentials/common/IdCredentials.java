package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Mirrors credentials {@code com.cloudbees.plugins.credentials.common.IdCredentials}. */
public interface IdCredentials extends Credentials {
    String getId();
}
