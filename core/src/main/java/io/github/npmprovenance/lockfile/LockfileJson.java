package io.github.npmprovenance.lockfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Jackson's streaming parser as the lockfile readers use it: the line of the token at hand, the objects a lockfile
 * must have where it has them, and the parser's messages in words that do not speak of Jackson.
 */
final class LockfileJson {
    // the streaming parser, without an ObjectMapper: starting data binding costs a cold JVM about 0.07 s
    private static final JsonFactory FACTORY = new JsonFactory();

    private static final Pattern JACKSON_START_MARKER =
            Pattern.compile(" ?\\(start marker at \\[Source: [^\\]]*; line: (\\d+), column: \\d+\\]\\)");

    private LockfileJson() {
    }

    /**
     * A parser of the lockfile's bytes as UTF-8, the only encoding npm reads one in. Jackson reads UTF-16 and UTF-32
     * as well, which it tells by a byte order mark or by zero bytes among the first four, as no UTF-8 JSON has them:
     * such a lockfile is refused: npm cannot parse it, so the packages verified from it would not be what npm
     * installs.
     */
    static JsonParser parser(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(4);
        byte[] first = buffered.readNBytes(4);
        buffered.reset();
        boolean notUtf8 = first.length >= 2 && (first[0] == (byte) 0xFE && first[1] == (byte) 0xFF
                || first[0] == (byte) 0xFF && first[1] == (byte) 0xFE);
        for (byte b : first) {
            notUtf8 |= b == 0;
        }
        if (notUtf8) {
            throw new CharConversionException("UTF-16 or UTF-32");
        }
        return FACTORY.createParser(buffered);
    }

    /** The 1-based line of the current token (of its key, for a field name). */
    static int lineOf(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    static void expectObject(String path, JsonParser parser, String what) throws LockfileException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new LockfileException(path, lineOf(parser), what + " must be a JSON object", null);
        }
    }

    /** Jackson's message without the parts that speak of Jackson: its source description and its setting names. */
    static String plain(JsonProcessingException e) {
        String message = JACKSON_START_MARKER.matcher(e.getOriginalMessage()).replaceAll(" (opened on line $1)")
                .replaceAll(", from `[^`]*`\\)", ")");
        // git's <<<<<<< at the start of a line, which npm's parse-conflict-json resolves itself, and this tool not
        boolean conflict = message.startsWith("Unexpected character ('<'") && e.getLocation() != null
                && e.getLocation().getColumnNr() == 1;
        return conflict ? message + "; a merge conflict left in the file? npm resolves those on install, this tool "
                + "reads only a resolved lockfile: resolve it (npm install does) and commit the result" : message;
    }
}
