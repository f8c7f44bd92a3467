package hudson.console;

/** Mirrors jenkins-core {@code hudson.console.ModelHyperlinkNote} (extends HyperlinkNote in core). */
public class ModelHyperlinkNote {
    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
