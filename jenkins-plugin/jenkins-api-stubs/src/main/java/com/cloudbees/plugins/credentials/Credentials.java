package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Mirrors credentials {@code com.cloudbees.plugins.credentials.Credentials} (type only). */
public interface Credentials extends Serializable {
}
