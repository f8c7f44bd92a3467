package io.github.npmprovenance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The versioned JSON report (schema in the README); a plain serialization of {@link Report}. A {@code [} in a
 * string is written as JSON's escape of U+005B, which every JSON reader reads back as {@code [}: {@code --json}
 * prints the report on stdout, in CI into a job's log, and GitHub's runner acts on {@code ##[command]} anywhere in
 * a line (Azure Pipelines on {@code ##vso[}), such as a lockfile key named {@code ##[set-output name=result;]passed}.
 * Characters the text output shows as {@code ?} are escaped too.
 */
public final class JsonReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT);

    static {
        MAPPER.getFactory().setCharacterEscapes(new NoCommandBrackets());
    }

    private static final class NoCommandBrackets extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        NoCommandBrackets() {
            ascii['['] = ESCAPE_STANDARD;
            // DEL, which the text output shows as ?, is ASCII: the escapes below are asked only for the rest
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        /**
         * What the text output shows as {@code ?} ({@link Escape#plain}: C1 controls such as a terminal's 8-bit CSI,
         * line separators, bidirectional and other invisible characters) is written as an escape, so that it reaches
         * no terminal or log as it is; the JSON writer escapes C0 controls itself.
         */
        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return ch != '?' && Escape.plain(String.valueOf((char) ch)).equals("?")
                    ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }

    public void write(Report report, OutputStream out) throws IOException {
        MAPPER.writeValue(new NonClosing(out), report);
        out.write('\n');
        out.flush();
    }

    public void write(Report report, java.io.Writer out) throws IOException {
        // streamed: a report of 10,000 packages is megabytes of text, which a small heap would need twice over
        MAPPER.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, report);
        out.write('\n');
        out.flush();
    }

    public static Report read(byte[] json) throws IOException {
        return MAPPER.readValue(json, Report.class);
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
