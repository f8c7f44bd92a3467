package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("sub/versions.log");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(RecordLog log, String key) {
        return log.read(key).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void aRecordLongerThanAnyResponseOrOneTooManyIsReadAsAbsent() throws Exception {
        // a cache someone else wrote: one line of gigabytes under a looked-up key was read whole, and the package
        // became an ERROR "did not fit in memory"; millions of tiny lines filled the heap with their keys
        RecordLog writer = new RecordLog(file());
        writer.append("a@1.0.0", utf8("{\"x\":\"" + "y".repeat(200) + "\"}"));
        writer.append("b@1.0.0", utf8("{\"x\":1}"));
        writer.append("c@1.0.0", utf8("{\"x\":2}"));
        writer.flush();
        RecordLog bounded = new RecordLog(file().getParent(), file(), 200, 1);

        assertThat(bounded.read("a@1.0.0")).isEmpty();
        assertThat(read(bounded, "b@1.0.0")).isEqualTo("{\"x\":1}");
        assertThat(bounded.read("c@1.0.0")).isEmpty();
        assertThat(read(new RecordLog(file()), "a@1.0.0")).startsWith("{\"x\":\"yyy");
        assertThat(RecordLog.MAX_RECORD_BYTES).isGreaterThan(RegistryJson.ATTESTATIONS_LIMIT);
    }

    @Test
    void recordsWrittenByOneRunAreReadByTheNext() throws Exception {
        RecordLog first = new RecordLog(file());
        first.append("a@1.0.0", utf8("{\"x\":1}"));
        first.append("@s/b@2.0.0-rc.1", utf8("{\"y\":\"é\"}"));
        assertThat(file()).doesNotExist();
        first.flush();

        RecordLog next = new RecordLog(file());
        assertThat(read(next, "a@1.0.0")).isEqualTo("{\"x\":1}");
        assertThat(read(next, "@s/b@2.0.0-rc.1")).isEqualTo("{\"y\":\"é\"}");
        assertThat(read(next, "a@1.0.1")).isNull();
    }

    @Test
    void theLaterOfTwoRecordsForAKeyWins() throws Exception {
        RecordLog first = new RecordLog(file());
        first.append("a@1.0.0", utf8("{\"x\":1}"));
        first.flush();
        RecordLog second = new RecordLog(file());
        second.append("a@1.0.0", utf8("{\"x\":2}"));
        second.flush();

        assertThat(read(new RecordLog(file()), "a@1.0.0")).isEqualTo("{\"x\":2}");
    }

    @Test
    void aTornOrAlteredRecordReadsAsAbsentAndTheOthersSurvive() throws Exception {
        RecordLog log = new RecordLog(file());
        log.append("a@1.0.0", utf8("{\"x\":1}"));
        log.append("b@1.0.0", utf8("{\"x\":2}"));
        log.append("c@1.0.0", utf8("{\"x\":3}"));
        log.flush();
        List<String> lines = Files.readAllLines(file());
        // b's digest no longer matches; c is cut short, as by a crash mid-write
        Files.write(file(), utf8(lines.get(0) + "\n" + lines.get(1).replace("2", "9") + "\n"
                + lines.get(2).substring(0, lines.get(2).length() - 3)));

        RecordLog reread = new RecordLog(file());
        assertThat(read(reread, "a@1.0.0")).isEqualTo("{\"x\":1}");
        assertThat(read(reread, "b@1.0.0")).isNull();
        assertThat(read(reread, "c@1.0.0")).isNull();

        // the next run appends after the torn line, not onto it
        reread.append("c@1.0.0", utf8("{\"x\":3}"));
        reread.flush();
        assertThat(read(new RecordLog(file()), "c@1.0.0")).isEqualTo("{\"x\":3}");
    }

    @Test
    void aRecordUnderAnotherKeyIsNotServedForThisOne() throws Exception {
        RecordLog log = new RecordLog(file());
        log.append("a@1.0.0", utf8("{\"x\":1}"));
        log.flush();
        String line = Files.readAllLines(file()).get(0);
        // moved to another key, digest kept: the key is part of what the digest covers
        String rest = "b@1.0.0 " + line.substring(65 + "a@1.0.0 ".length());
        Files.writeString(file(), line.substring(0, 65) + rest + "\n", StandardOpenOption.APPEND);

        assertThat(read(new RecordLog(file()), "b@1.0.0")).isNull();
    }

    @Test
    void garbageReadsAsAnEmptyLog() throws Exception {
        Files.createDirectories(file().getParent());
        Files.write(file(), new byte[] {0, 1, 2, ' ', '\n', (byte) 0xff, ' ', ' '});

        RecordLog log = new RecordLog(file());
        assertThat(log.read("a@1.0.0")).isEmpty();
        log.append("a@1.0.0", utf8("{}"));
        log.flush();
        assertThat(read(new RecordLog(file()), "a@1.0.0")).isEqualTo("{}");
    }

    @Test
    void aLogOverTheLimitIsStartedAfresh() throws Exception {
        Files.createDirectories(file().getParent());
        try (var channel = java.nio.channels.FileChannel.open(file(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            // sparse: a gigabyte and one byte without writing them
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), RecordLog.MAX_BYTES);
        }
        RecordLog log = new RecordLog(file());
        assertThat(log.read("a@1.0.0")).isEmpty();
        log.append("a@1.0.0", utf8("{}"));
        log.flush();

        assertThat(Files.size(file())).isLessThan(200);
        assertThat(read(new RecordLog(file()), "a@1.0.0")).isEqualTo("{}");
    }

    @Test
    void aLogTruncatedByAnotherProcessWhileInUseReadsAsAbsent() throws Exception {
        RecordLog writer = new RecordLog(file());
        writer.append("a@1.0.0", utf8("{\"pad\":\"" + "x".repeat(10_000) + "\"}"));
        writer.append("b@1.0.0", utf8("{\"x\":2}"));
        writer.flush();
        RecordLog reader = new RecordLog(file());
        assertThat(read(reader, "a@1.0.0")).startsWith("{\"pad\"");

        Files.write(file(), new byte[0]);

        assertThat(reader.read("b@1.0.0")).isEmpty();
    }

    @Test
    void keysWithSpacesAndValuesWithLineBreaksAreRefused() {
        RecordLog log = new RecordLog(file());
        assertThatThrownBy(() -> log.append("a b", utf8("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("a", utf8("{\n}"))).isInstanceOf(IllegalArgumentException.class);
        // first among the characters too: the record would be read as another key's, or cut in two
        assertThatThrownBy(() -> log.append(" a", utf8("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("\na", utf8("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("a", utf8("\n{}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLastRecordWithoutItsLineBreakIsStillServed() throws Exception {
        RecordLog log = new RecordLog(file());
        log.append("a@1.0.0", utf8("{\"x\":1}"));
        log.append("b@1.0.0", utf8("{\"x\":2}"));
        log.flush();
        // intact but for the line break after it (a copy that stripped the trailing newline)
        byte[] bytes = Files.readAllBytes(file());
        Files.write(file(), java.util.Arrays.copyOf(bytes, bytes.length - 1));

        RecordLog reread = new RecordLog(file());
        assertThat(read(reread, "a@1.0.0")).isEqualTo("{\"x\":1}");
        assertThat(read(reread, "b@1.0.0")).isEqualTo("{\"x\":2}");

        // and what is appended next starts a line of its own
        reread.append("c@1.0.0", utf8("{\"x\":3}"));
        reread.flush();
        RecordLog next = new RecordLog(file());
        assertThat(read(next, "b@1.0.0")).isEqualTo("{\"x\":2}");
        assertThat(read(next, "c@1.0.0")).isEqualTo("{\"x\":3}");
    }

    @Test
    void anEmptyLogFileIsAppendedTo() throws Exception {
        // as a restored CI cache or a crash before the first write may leave it
        Files.createDirectories(file().getParent());
        Files.write(file(), new byte[0]);

        RecordLog log = new RecordLog(file());
        log.append("a@1.0.0", utf8("{}"));
        log.flush();

        assertThat(Files.readAllLines(file())).hasSize(1);
        assertThat(read(new RecordLog(file()), "a@1.0.0")).isEqualTo("{}");
    }

    @Test
    void recordsThatFillTheBufferToItsLastByteAreAllKept() throws Exception {
        // a record is 64 + 1 + key + 1 + value bytes and a line break: 367 + 1, then 68 + 1 in a buffer of 736,
        // leave 299 bytes, exactly the third's record and no room for its line break
        RecordLog log = new RecordLog(file());
        log.append("a", utf8("a".repeat(300)));
        log.append("b", utf8("b"));
        log.append("c", utf8("c".repeat(232)));
        log.append("d", utf8("d".repeat(231)));
        log.flush();

        RecordLog reread = new RecordLog(file());
        assertThat(read(reread, "a")).isEqualTo("a".repeat(300));
        assertThat(read(reread, "b")).isEqualTo("b");
        assertThat(read(reread, "c")).isEqualTo("c".repeat(232));
        assertThat(read(reread, "d")).isEqualTo("d".repeat(231));
        assertThat(Files.readAllLines(file())).hasSize(4);
    }

    @Test
    void recordsAroundTheBoundaryOfTheFilesReadsAreAllServed() throws Exception {
        // the log is indexed 1 MiB at a time: short records end just before the boundary, cross it (head and key
        // before it, or after), and begin on it
        int mib = 1 << 20;
        for (int shift = -140; shift <= 4; shift += 36) {
            Path file = dir.resolve("boundary" + shift + "/versions.log");
            RecordLog log = new RecordLog(file);
            // 64 + 1 + 3 + 1 + value + 1: the padding record ends at the boundary plus shift, less 3 short records
            int shortLine = 64 + 1 + "s@0".length() + 1 + "{}".length() + 1;
            int paddingValue = mib + shift - 3 * shortLine - (64 + 1 + "pad".length() + 1 + 1);
            log.append("pad", utf8("p".repeat(paddingValue)));
            for (int i = 0; i < 6; i++) {
                log.append("s@" + i, utf8("{}"));
            }
            log.flush();

            RecordLog reread = new RecordLog(file);
            assertThat(read(reread, "pad")).as("shift %d", shift).hasSize(paddingValue);
            for (int i = 0; i < 6; i++) {
                assertThat(read(reread, "s@" + i)).as("shift %d, s@%d", shift, i).isEqualTo("{}");
            }
        }
    }

    @Test
    void twoLogsAppendingToOneFileFromManyThreadsLoseNothing() throws Exception {
        RecordLog one = new RecordLog(file());
        RecordLog two = new RecordLog(file());
        String value = "{\"pad\":\"" + "x".repeat(3000) + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                RecordLog log = i % 2 == 0 ? one : two;
                String key = "p" + i + "@1.0.0";
                done.add(pool.submit(() -> {
                    log.append(key, utf8(value));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        one.flush();
        two.flush();

        RecordLog reread = new RecordLog(file());
        for (int i = 0; i < 2000; i++) {
            assertThat(read(reread, "p" + i + "@1.0.0")).isEqualTo(value);
        }
    }

    /** Reads the log at args[0] and prints the value under args[1]: what a run does first with a cache. */
    public static final class ReadsOneKey {
        public static void main(String[] args) {
            System.out.print(new RecordLog(Path.of(args[0])).read(args[1])
                    .map(value -> new String(value, StandardCharsets.UTF_8)).orElse("absent"));
        }
    }

    /**
     * A log someone else wrote, of lines with keys as long as a key may be: as strings in a map their keys took
     * about 600 bytes each, and a million of them (half a gigabyte of file) filled the heap a JVM takes in a 2 GB
     * container, stopping the HTTP client's thread and the run with it. Here 100,000 in a heap of 24 MB.
     */
    @Test
    void theKeysOfAHostileLogDoNotFillTheHeap() throws Exception {
        Files.createDirectories(file().getParent());
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file()))) {
            for (int i = 0; i < 100_000; i++) {
                String key = String.format("%06d", i) + "x".repeat(464);
                out.write(utf8("0".repeat(64) + " " + key + " {}\n"));
            }
        }
        RecordLog genuine = new RecordLog(file());
        genuine.append("sigstore@1.0.0", utf8("{\"kept\":true}"));
        genuine.flush();
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), ReadsOneKey.class.getName(), file().toString(),
                "sigstore@1.0.0")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("{\"kept\":true}");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void theLaterOfTwoRecordsOfAKeyIsIndexedAndAnUnknownKeyIsAbsent() {
        RecordIndex index = new RecordIndex();
        byte[] key = utf8("nuxt@3.13.0");
        index.put(key, 0, key.length, 0, 10);
        for (int i = 0; i < 5_000; i++) {
            byte[] other = utf8("filler@" + i + ".0.0");
            index.put(other, 0, other.length, 100 + i, 1);
        }
        index.put(key, 0, key.length, 20, 5);

        assertThat(index.get("nuxt@3.13.0")).containsExactly(20, 25);
        assertThat(index.get("filler@4999.0.0")).containsExactly(5099, 5100);
        assertThat(index.get("nuxt@3.13.1")).isNull();
        assertThat(index.size()).isEqualTo(5_001);
    }
}
