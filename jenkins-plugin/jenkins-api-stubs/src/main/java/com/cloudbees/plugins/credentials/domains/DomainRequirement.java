package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

/** Mirrors credentials {@code com.cloudbees.plugins.credentials.domains.DomainRequirement}. */
public class DomainRequirement implements Serializable {
    private static final long serialVersionUID = 1L;
}
