package io.github.npmprovenance.bench;

import io.github.npmprovenance.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Times {@code npm-provenance verify} against {@code npm audit signatures} on the same synthetic registry and
 * project, as whole commands (JVM or node start included), cold and warm, alternating the tools so that drift
 * on the machine hits both. Prints Markdown. Run it through {@code .ci/benchmark N REPETITIONS}; it is a plain
 * main class, deliberately not a test, so {@code mvn verify} never runs it.
 *
 * <p>npm needs one accommodation, see {@link #TUF_SHIM}: {@code npm audit signatures} first refreshes sigstore's
 * TUF repository, which is unreachable from the benchmark machine.
 */
public final class RegistryBenchmark {
    /**
     * Preloaded into npm with {@code NODE_OPTIONS=--require}. {@code npm audit signatures} starts by refreshing
     * sigstore's TUF metadata from tuf-repo-cdn.sigstore.dev and aborts (after ~70 s of retries) when it cannot.
     * For a registry that sigstore's TUF repository has no keys for - every registry but registry.npmjs.org, so
     * also our loopback one - npm then fetches {@code <registry>/-/npm/v1/keys}. The shim skips only the refresh
     * and reports "no such target", so npm takes exactly that path. It saves npm the TUF round trips it would
     * make on a real network, so it can only flatter npm's times.
     */
    static final String TUF_SHIM = """
            // benchmark only: make @sigstore/tuf answer as after a refresh that has no keys for this registry
            const fs = require('fs');
            const path = require('path');
            const npmRoot = path.resolve(fs.realpathSync(process.argv[1]), '..', '..');
            const tuf = require(require.resolve('@sigstore/tuf', { paths: [npmRoot] }));
            tuf.initTUF = async () => ({
              getTarget: async (name) => {
                throw Object.assign(new Error('no TUF target ' + name), { code: 'TUF_FIND_TARGET_ERROR' });
              },
            });
            """;

    private static final Path TIME = Path.of("/usr/bin/time");
    /** A repetition during which other work used more of the machine than this is done again (at most twice). */
    private static final double MAX_FOREIGN_SHARE = 0.10;
    private static final int MAX_ATTEMPTS = 3;
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern HEAP_AT_EXIT = Pattern.compile("used (\\d+)K");

    /**
     * One timed command. cpuSeconds, maxRssMb and peakHeapMb are -1 when unknown. foreignCpuSeconds is CPU time
     * the machine spent on neither the command nor this JVM (the registry) while the command ran: other work on
     * a shared machine, which the figures cannot separate out.
     */
    record Run(double seconds, double cpuSeconds, long maxRssMb, long peakHeapMb, double foreignCpuSeconds,
            SyntheticRegistry.Stats registry, double verdaccioCpuSeconds, long startNanos) {
        double firstRequestSeconds() {
            return registry.firstNanos() < 0 ? -1 : RegistryBenchmark.seconds(registry.firstNanos() - startNanos);
        }

        double lastResponseSeconds() {
            return registry.lastNanos() < 0 ? -1 : RegistryBenchmark.seconds(registry.lastNanos() - startNanos);
        }
    }

    private final int packages;
    private final int repetitions;
    private final Path jar;
    private final Path work;
    private final boolean withNpm;
    private final boolean serve;
    private final long serviceMillis;
    private final Path verdaccioInstall;
    private final Path launcher;
    private SyntheticRegistry registry;
    private VerdaccioRegistry verdaccio;
    private int redone;
    private int keptDisturbed;
    private Path project;
    private Path curlConfig;
    private Path urlList;
    private int fetchedDocuments;
    private Path shim;
    private int cacheCounter;

    private RegistryBenchmark(int packages, int repetitions, Path jar, Path work, boolean withNpm, boolean serve,
            long serviceMillis, Path verdaccioInstall) {
        this.packages = packages;
        this.repetitions = repetitions;
        this.jar = jar;
        this.work = work;
        this.withNpm = withNpm;
        this.serve = serve;
        this.serviceMillis = serviceMillis;
        this.verdaccioInstall = verdaccioInstall;
        this.launcher = jar.resolveSibling("npm-provenance");
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Path jar = Path.of("cli/target/npm-provenance.jar");
        Path work = null;
        boolean withNpm = true;
        boolean keep = false;
        boolean serve = false;
        long serviceMillis = 0;
        Path verdaccioInstall = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--no-npm" -> withNpm = false;
                case "--keep" -> keep = true;
                case "--serve" -> serve = true;
                case "--service-ms" -> serviceMillis = Long.parseLong(args[++i]);
                case "--verdaccio" -> verdaccioInstall = Path.of(args[++i]).toAbsolutePath();
                default -> positional.add(args[i]);
            }
        }
        int packages = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1000;
        int repetitions = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it first (./mvnw -B -q package -DskipTests)");
        }
        if (!Files.isExecutable(jar.resolveSibling("npm-provenance"))) {
            throw new IllegalArgumentException("no launcher npm-provenance beside " + jar);
        }
        if (verdaccioInstall != null && serviceMillis > 0) {
            throw new IllegalArgumentException("--service-ms applies to the in-memory registry, not to Verdaccio");
        }
        if (work == null) {
            work = Files.createTempDirectory("npm-provenance-bench-");
        }
        RegistryBenchmark benchmark = new RegistryBenchmark(packages, repetitions, jar.toAbsolutePath(),
                work.toAbsolutePath(), withNpm, serve, serviceMillis, verdaccioInstall);
        try {
            benchmark.run();
        } finally {
            if (!keep) {
                delete(work);
            }
        }
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        registry = SyntheticRegistry.start(packages, 42, serviceMillis);
        project = work.resolve("project");
        registry.writeProject(project);
        shim = work.resolve("tuf-offline-shim.js");
        Files.writeString(shim, TUF_SHIM);
        System.err.printf(Locale.ROOT, "generated %d packages, project and registry at %s in %.1f s%n",
                packages, registry.url(), seconds(System.nanoTime() - start));
        try {
            if (verdaccioInstall != null) {
                verdaccio = VerdaccioRegistry.start(verdaccioInstall, work.resolve("verdaccio"), registry);
                System.err.printf(Locale.ROOT, "Verdaccio %s serving them at %s%n", verdaccio.version(), served());
            }
            if (serve) {
                // for profiling by hand: keep the registry and project up until stdin closes
                System.out.println("registry " + served() + "\nproject " + project + "\nNODE_OPTIONS='--require "
                        + shim + "'\npress Enter to stop");
                System.in.read();
            } else {
                measure();
            }
        } finally {
            if (verdaccio != null) {
                verdaccio.close();
            }
            registry.close();
        }
    }

    /** The registry the tools are pointed at: Verdaccio if it runs, else the in-memory one. */
    private URI served() {
        return verdaccio != null ? verdaccio.url() : registry.url();
    }

    private void measure() throws Exception {
        writeFetchLists();
        prepareJdkFetchOnly();
        // untimed: proves both tools really verify N signatures here, and warms the OS file cache for both
        for (String tool : List.of("ours", "ours java -jar")) {
            String ours = output(ours(tool, newCacheDir()), tool + ", validation");
            if (!ours.contains("PASSED: " + packages + " packages") || !ours.contains(" " + packages + " signed,")) {
                throw new IllegalStateException(tool + " did not verify " + packages + " signatures:\n" + ours);
            }
        }
        if (withNpm) {
            String npm = output(npm(newCacheDir()), "npm, validation");
            if (!npm.contains(packages + " packages have verified registry signatures")) {
                throw new IllegalStateException("npm audit signatures did not verify " + packages
                        + " signatures:\n" + npm);
            }
        }
        registry.takeStats();

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        waitForQuiet();
        for (int r = 0; r < repetitions; r++) {
            runs.computeIfAbsent("ours --version", k -> new ArrayList<>()).add(time(oursVersion(), false));
            if (withNpm) {
                runs.computeIfAbsent("npm --version", k -> new ArrayList<>()).add(time(npmVersion(), false));
            }
        }
        for (int r = 0; r < repetitions; r++) {
            Map<String, Run> repetition;
            for (int attempt = 1; ; attempt++) {
                waitForQuiet();
                repetition = repetition(r);
                double worst = repetition.values().stream().mapToDouble(RegistryBenchmark::foreignShare).max()
                        .orElse(0);
                if (worst <= MAX_FOREIGN_SHARE) {
                    break;
                }
                if (attempt == MAX_ATTEMPTS) {
                    keptDisturbed++;
                    break;
                }
                redone++;
                System.err.printf(Locale.ROOT, "repetition %d: other work took %.0f%% of the machine during a run;"
                        + " redoing it%n", r + 1, worst * 100);
            }
            repetition.forEach((label, run) -> runs.computeIfAbsent(label, k -> new ArrayList<>()).add(run));
            System.err.printf(Locale.ROOT, "repetition %d/%d done%n", r + 1, repetitions);
        }
        waitForQuiet();
        Map<String, List<Double>> inProcess = inProcess();
        print(runs, inProcess);
    }

    /**
     * Cold then warm for each tool: npm-provenance through its launcher ("ours"), through {@code java -jar}, and
     * npm. The tool that goes first rotates, so drift of the machine hits all.
     */
    private Map<String, Run> repetition(int r) throws IOException, InterruptedException {
        Map<String, Run> result = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(List.of("ours", "ours java -jar"));
        if (withNpm) {
            order.add("npm");
        }
        if (curlConfig != null) {
            order.add("curl");
        }
        order.add("java.net.http");
        java.util.Collections.rotate(order, r);
        for (String tool : order) {
            if (tool.equals("curl")) {
                result.put("curl, fetch only", time(curl(), false));
                continue;
            }
            if (tool.equals("java.net.http")) {
                result.put("java.net.http, fetch only", time(jdkFetchOnly(), false));
                continue;
            }
            Path cache = newCacheDir();
            boolean ours = tool.startsWith("ours");
            List<String> command = ours ? ours(tool, cache) : npm(cache);
            result.put(tool + " cold", time(command, ours));
            result.put(tool + " warm", time(command, ours));
            // caches are kept until the end: on ext4, creating files right after deleting thousands is
            // measurably slower (the inode allocator skips recently freed inodes), which would tax the next run
        }
        return result;
    }

    /** Share of the machine's CPU capacity that other work used during a run. */
    private static double foreignShare(Run run) {
        return run.foreignCpuSeconds() <= 0 ? 0
                : run.foreignCpuSeconds() / (run.seconds() * Runtime.getRuntime().availableProcessors());
    }

    /**
     * On a shared machine, waits (at most 20 minutes) until others use less than 15% of the CPUs over 3 s, so a
     * repetition does not start in the middle of someone's build.
     */
    private static void waitForQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (System.nanoTime() < deadline) {
            double machine = machineCpuSeconds();
            double self = selfCpuSeconds();
            Thread.sleep(3000);
            double busy = (machineCpuSeconds() - machine - (selfCpuSeconds() - self)) / 3.0;
            if (machine < 0 || busy < 0.15 * Runtime.getRuntime().availableProcessors()) {
                return;
            }
            System.err.printf(Locale.ROOT, "machine busy with other work (%.1f CPUs), waiting%n", busy);
        }
    }

    /**
     * Calls {@link Main#run} in this JVM: after two warm-up calls, this is the verification itself, without JVM
     * start, class loading or JIT warm-up; the registry runs in this JVM in every case.
     */
    private Map<String, List<Double>> inProcess() throws IOException {
        Map<String, List<Double>> result = new LinkedHashMap<>();
        Path warmCache = newCacheDir();
        inProcessRun(warmCache);
        inProcessRun(newCacheDir());
        for (int r = 0; r < repetitions; r++) {
            Path cold = newCacheDir();
            result.computeIfAbsent("cold", k -> new ArrayList<>()).add(inProcessRun(cold));
            result.computeIfAbsent("warm", k -> new ArrayList<>()).add(inProcessRun(warmCache));
        }
        return result;
    }

    private double inProcessRun(Path cache) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        int exit;
        try {
            exit = Main.run("verify", project.toString(), "--registry", served().toString(),
                    "--cache-dir", cache.toString());
        } finally {
            System.setOut(original);
        }
        long elapsed = System.nanoTime() - start;
        if (exit != 0) {
            throw new IllegalStateException("in-process verify exited " + exit + ":\n" + captured);
        }
        return seconds(elapsed);
    }

    /**
     * "ours": the launcher as installed, with its own JVM options (JAVA_OPTS adds only a GC log); otherwise the jar
     * with the JVM's defaults and the 512 MB heap limit the targets name.
     */
    private List<String> ours(String tool, Path cache) {
        String gcLog = "-Xlog:gc,gc+heap+exit:file=" + cache.resolveSibling(cache.getFileName() + ".gc.log")
                + "::filecount=0";
        List<String> command = new ArrayList<>(tool.equals("ours")
                ? List.of("env", "JAVA_HOME=" + System.getProperty("java.home"), "JAVA_OPTS=" + gcLog,
                        launcher.toString())
                : List.of(javaBinary(), "-Xmx512m", gcLog, "-jar", jar.toString()));
        command.addAll(List.of("verify", project.toString(), "--registry", served().toString(), "--cache-dir",
                cache.toString()));
        return command;
    }

    private List<String> oursVersion() {
        return List.of("env", "JAVA_HOME=" + System.getProperty("java.home"), launcher.toString(), "--version");
    }

    /**
     * The reference for "limited by the registry": curl fetching the documents a cold run fetches (the keys and
     * one packument per package), as many at once as npm-provenance asks by default, and nothing else: about as
     * fast as a client that needs those documents can be with that many requests in flight.
     */
    private List<String> curl() {
        return List.of("curl", "--silent", "--fail", "--parallel", "--parallel-max", "16", "--config",
                curlConfig.toString());
    }

    /**
     * The other reference: {@link JdkFetchOnly}, {@code java.net.http} in a fresh JVM with the launcher's options,
     * fetching the same documents as curl with as many requests in flight.
     */
    private List<String> jdkFetchOnly() throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(launcherJvmOptions());
        if (Files.isRegularFile(jdkFetchOnlyArchive())) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + jdkFetchOnlyArchive(), "-Xlog:cds=off"));
        }
        command.addAll(List.of("-cp", jdkFetchOnlyJar() + java.io.File.pathSeparator + jar,
                JdkFetchOnly.class.getName(), urlList.toString(), "16"));
        return command;
    }

    /**
     * The launcher maps a class-data archive, so the reference gets one too, or the comparison would credit
     * npm-provenance with the class loading the archive saves. The JVM archives classes from jars only: the
     * reference is put in a jar of its own, and a training run (untimed, on the first documents) writes the
     * archive at its exit. Without it (a JVM that cannot write one) the reference runs as before.
     */
    private void prepareJdkFetchOnly() throws IOException, InterruptedException {
        Path classes;
        try {
            classes = Path.of(JdkFetchOnly.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String prefix = JdkFetchOnly.class.getName().replace('.', '/');
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jdkFetchOnlyJar()));
                Stream<Path> files = Files.list(classes.resolve(prefix).getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(JdkFetchOnly.class
                    .getSimpleName())).sorted().toList()) {
                String entry = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        List<String> urls = Files.readAllLines(urlList);
        Path training = work.resolve("fetch-training.txt");
        Files.write(training, urls.subList(0, Math.min(urls.size(), 500)));
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(launcherJvmOptions());
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + jdkFetchOnlyArchive(), "-Xlog:cds=off", "-cp",
                jdkFetchOnlyJar() + java.io.File.pathSeparator + jar, JdkFetchOnly.class.getName(),
                training.toString(), "16"));
        output(command, "java.net.http reference, training run for its class-data archive");
        if (!Files.isRegularFile(jdkFetchOnlyArchive())) {
            System.err.println("the java.net.http reference runs without a class-data archive: its training run"
                    + " wrote none");
        }
    }

    private Path jdkFetchOnlyJar() {
        return work.resolve("jdk-fetch-only.jar");
    }

    private Path jdkFetchOnlyArchive() {
        return work.resolve("jdk-fetch-only.jsa");
    }

    /** The JVM options the launcher passes, read from it so that the reference keeps up with it. */
    private List<String> launcherJvmOptions() throws IOException {
        for (String line : Files.readAllLines(launcher)) {
            if (line.startsWith("exec \"$java\" ")) {
                return java.util.Arrays.stream(line.split("\\s+")).filter(w -> w.startsWith("-X")).toList();
            }
        }
        throw new IllegalStateException("no exec \"$java\" line in " + launcher);
    }

    /** What a cold run fetches (the keys and one packument per package): a URL list, and curl's config for it. */
    private void writeFetchLists() throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        registry.locked().forEach(l -> names.add(l.name()));
        List<String> paths = new ArrayList<>(List.of(SyntheticRegistry.KEYS_PATH));
        names.forEach(n -> paths.add(n.replace("/", "%2f")));
        StringBuilder urls = new StringBuilder();
        StringBuilder config = new StringBuilder();
        for (String path : paths) {
            urls.append(served()).append(path).append('\n');
            config.append("url = \"").append(served()).append(path).append("\"\noutput = \"/dev/null\"\n");
        }
        fetchedDocuments = paths.size();
        urlList = work.resolve("fetch-all.txt");
        Files.writeString(urlList, urls);
        if (!commandOutput(List.of("curl", "--version")).equals("unknown")) {
            curlConfig = work.resolve("curl-fetch-all.cfg");
            Files.writeString(curlConfig, config);
        }
    }

    private List<String> npm(Path cache) {
        return List.of("npm", "audit", "signatures", "--registry", served().toString(), "--cache",
                cache.toString());
    }

    private static List<String> npmVersion() {
        return List.of("npm", "--version");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Path newCacheDir() {
        return work.resolve("cache-" + (++cacheCounter));
    }

    /** Runs a command untimed and returns stdout; any exit code but 0 is a failure of the benchmark. */
    private String output(List<String> command, String what) throws IOException, InterruptedException {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        int exit = start(command, out, err, null).waitFor();
        String stdout = Files.readString(out);
        if (exit != 0) {
            throw new IllegalStateException(what + ": " + String.join(" ", command) + " exited " + exit + ":\n"
                    + stdout + Files.readString(err));
        }
        return stdout;
    }

    private Run time(List<String> command, boolean gcLog) throws IOException, InterruptedException {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Path usage = work.resolve("usage.txt");
        Files.deleteIfExists(usage);
        registry.takeStats();
        double machineBefore = machineCpuSeconds();
        double selfBefore = selfCpuSeconds();
        double verdaccioBefore = verdaccio == null ? 0 : verdaccio.cpuSeconds();
        long start = System.nanoTime();
        Process process = start(command, out, err, usage);
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        long elapsed = System.nanoTime() - start;
        double machine = machineCpuSeconds() - machineBefore;
        double self = selfCpuSeconds() - selfBefore;
        double verdaccioCpu = verdaccio == null ? -1 : verdaccio.cpuSeconds() - verdaccioBefore;
        SyntheticRegistry.Stats stats = registry.takeStats();
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                    + Files.readString(out) + Files.readString(err));
        }
        double cpu = -1;
        long rss = -1;
        if (Files.isRegularFile(usage)) {
            // GNU time: "%U %S %M" = user s, system s, max RSS KiB (last line; earlier ones may be warnings)
            List<String> lines = Files.readAllLines(usage);
            String[] fields = lines.get(lines.size() - 1).trim().split("\\s+");
            cpu = Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]);
            rss = Long.parseLong(fields[2]) / 1024;
        }
        long heap = -1;
        if (gcLog) {
            String cacheArg = command.get(command.size() - 1);
            heap = peakHeapMb(Path.of(cacheArg + ".gc.log"));
        }
        double foreign = machine < 0 || cpu < 0 ? -1 : Math.max(0, machine - cpu - self - Math.max(0, verdaccioCpu));
        return new Run(seconds(elapsed), cpu, rss, heap, foreign, stats, verdaccioCpu, start);
    }

    /** Non-idle CPU time of the whole machine, from /proc/stat; -1 where there is none. */
    private static double machineCpuSeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy / 100.0; // USER_HZ, 100 on every Linux we run on
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double selfCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private Process start(List<String> command, Path out, Path err, Path usage) throws IOException {
        List<String> full = new ArrayList<>();
        if (usage != null && Files.isExecutable(TIME)) {
            full.addAll(List.of(TIME.toString(), "-f", "%U %S %M", "-o", usage.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(project.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (command.contains("audit")) {
            builder.environment().put("NODE_OPTIONS", "--require " + shim);
        }
        return builder.start();
    }

    /**
     * The largest heap occupancy the JVM logged: before any collection, and at exit. Between collections the
     * heap can only grow, so this is the peak unless it was reached between the last collection and exit with
     * more garbage than at exit; good enough to compare with the 512 MB limit the runs are given.
     */
    static long peakHeapMb(Path gcLog) throws IOException {
        if (!Files.isRegularFile(gcLog)) {
            return -1;
        }
        long peak = -1;
        long usedAtExit = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher pause = GC_PAUSE.matcher(line);
            if (pause.find()) {
                peak = Math.max(peak, Long.parseLong(pause.group(1)));
            }
            // G1 prints one "garbage-first heap total ..K, used ..K" line at exit; Serial and Parallel one per
            // generation, so sum them
            Matcher exit = HEAP_AT_EXIT.matcher(line);
            if (line.contains("gc,heap,exit") && line.contains(" total ") && exit.find()) {
                usedAtExit += Long.parseLong(exit.group(1));
            }
        }
        peak = Math.max(peak, usedAtExit / 1024);
        return peak;
    }

    private void print(Map<String, List<Run>> runs, Map<String, List<Double>> inProcess) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### %,d packages, %d repetitions%n%n", packages, repetitions));
        md.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s, %s, npm %s. Registry: %s, on %s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                commandOutput(List.of("node", "--version")), commandOutput(List.of("npm", "--version")),
                verdaccio == null ? "synthetic, in memory" : "Verdaccio " + verdaccio.version()
                        + " serving the synthetic packages", served()));
        md.append("| whole command, median of runs | npm-provenance (launcher) | `java -jar` | npm audit signatures "
                + "| npm ÷ launcher | npm ÷ `java -jar` |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (String mode : List.of("cold", "warm")) {
            double ours = median(runs.get("ours " + mode));
            double plain = median(runs.get("ours java -jar " + mode));
            String npm = "n/a";
            String ratio = "n/a";
            String plainRatio = "n/a";
            if (runs.containsKey("npm " + mode)) {
                double theirs = median(runs.get("npm " + mode));
                npm = format(theirs);
                ratio = String.format(Locale.ROOT, "%.1f×", theirs / ours);
                plainRatio = String.format(Locale.ROOT, "%.1f×", theirs / plain);
            }
            md.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %s | %s | %s |%n", mode,
                    mode.equals("cold") ? "empty cache" : "same cache again", format(ours), format(plain), npm, ratio,
                    plainRatio));
        }
        double startup = median(runs.get("ours --version"));
        double warm = median(runs.get("ours warm"));
        md.append(String.format(Locale.ROOT,
                "%nnpm-provenance (launcher) without JVM start: warm %.2f s (warm run minus `--version`, %.2f s); in "
                        + "one JVM after warm-up (`Main.run`): cold %.2f s, warm %.2f s.%n%n",
                warm - startup, startup, medianOf(inProcess.get("cold")), medianOf(inProcess.get("warm"))));
        double cold = median(runs.get("ours cold"));
        double plainCold = median(runs.get("ours java -jar cold"));
        if (serviceMillis > 0) {
            // the least time any client with 16 requests in flight needs when each response takes serviceMillis
            double bound = Math.ceil((double) runs.get("ours cold").get(0).registry().requests() / 16)
                    * serviceMillis / 1000.0;
            md.append(String.format(Locale.ROOT, "Registry service time: %d ms per response, so with 16 requests "
                    + "in flight the registry alone needs %.2f s.%n%n", serviceMillis, bound));
        }
        if (runs.containsKey("curl, fetch only")) {
            double curl = median(runs.get("curl, fetch only"));
            md.append(String.format(Locale.ROOT, "Limited by the registry? curl fetching the same %,d documents, "
                    + "16 at a time and nothing else, takes %.2f s: that is %.0f%% of the launcher's cold run "
                    + "(%.2f s) and %.0f%% of `java -jar`'s (%.2f s).%n%n",
                    fetchedDocuments, curl, 100 * curl / cold, cold,
                    100 * curl / plainCold, plainCold));
        }
        double jdk = median(runs.get("java.net.http, fetch only"));
        md.append(String.format(Locale.ROOT, "The same documents fetched by `java.net.http` in a fresh JVM with the "
                + "launcher's options, 16 at a time and nothing else: %.2f s, %.0f%% of the launcher's cold run; the "
                + "cold run's own work is the remaining %.2f s.%n%n", jdk, 100 * jdk / cold, cold - jdk));

        md.append(String.format(Locale.ROOT, "Repetitions redone because other work used over %.0f%% of the "
                + "machine during one of their runs: %d; kept although disturbed (third attempt): %d.%n%n",
                MAX_FOREIGN_SHARE * 100, redone, keptDisturbed));
        md.append("| command | median s | runs s | CPU user+sys s | max RSS MB | peak heap MB "
                + (verdaccio == null ? "| registry requests (304s) | registry busy s " : "| | Verdaccio CPU s ")
                + "| first request, last response at s "
                + "| other load, CPU s |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            List<Run> list = entry.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    entry.getKey(),
                    format(median(list)),
                    String.join(", ", list.stream().map(r -> format(r.seconds())).toList()),
                    format(medianOf(list.stream().map(Run::cpuSeconds).toList())),
                    maxOrNa(list.stream().map(Run::maxRssMb).toList()),
                    maxOrNa(list.stream().map(Run::peakHeapMb).toList()),
                    verdaccio != null ? "" : list.get(0).registry().requests() + " ("
                            + list.get(0).registry().notModified() + ")",
                    format(medianOf(list.stream().map(r -> verdaccio != null ? r.verdaccioCpuSeconds()
                            : seconds(r.registry().busyNanos())).toList())),
                    list.get(0).registry().requests() == 0 ? "" : format(medianOf(list.stream()
                            .map(Run::firstRequestSeconds).toList())) + ", " + format(medianOf(list.stream()
                            .map(Run::lastResponseSeconds).toList())),
                    format(medianOf(list.stream().map(Run::foreignCpuSeconds).toList()))));
        }
        System.out.println(md);
    }

    private static String maxOrNa(List<Long> values) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(-1);
        return max < 0 ? "n/a" : Long.toString(max);
    }

    private static String format(double seconds) {
        return seconds < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static double median(List<Run> runs) {
        return medianOf(runs.stream().map(Run::seconds).toList());
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String commandOutput(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return (command.get(0).equals("node") ? "node " : "") + out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
