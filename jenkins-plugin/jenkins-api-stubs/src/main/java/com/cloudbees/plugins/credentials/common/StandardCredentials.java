package com.cloudbees.plugins.credentials.common;

/** Mirrors credentials {@code com.cloudbees.plugins.credentials.common.StandardCredentials}. */
public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
