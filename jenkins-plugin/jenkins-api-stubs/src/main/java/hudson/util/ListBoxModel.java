package hudson.util;

import java.util.ArrayList;

/** Mirrors jenkins-core {@code hudson.util.ListBoxModel}: only the members the plugin uses. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /** Mirrors {@code hudson.util.ListBoxModel.Option}. */
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }
}
