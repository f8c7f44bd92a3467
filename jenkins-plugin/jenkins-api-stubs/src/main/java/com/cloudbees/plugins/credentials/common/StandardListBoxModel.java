package com.cloudbees.plugins.credentials.common;

/** Mirrors credentials {@code com.cloudbees.plugins.credentials.common.StandardListBoxModel}. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {
    }

    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
