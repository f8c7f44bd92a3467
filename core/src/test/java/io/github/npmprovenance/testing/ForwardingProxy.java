package io.github.npmprovenance.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small real HTTP forwarding proxy on 127.0.0.1, as a corporate proxy works: it takes absolute-form requests
 * ({@code GET http://host:port/path}) and {@code CONNECT host:port} tunnels, and resolves some host names that the
 * client cannot (the test's {@code hosts}), so a registry under such a name is reachable only through it. With
 * {@code credentials}, it answers 407 to any request without {@code Proxy-Authorization: Basic <credentials>}.
 * One request per connection: it answers with {@code Connection: close}.
 */
public final class ForwardingProxy implements AutoCloseable {
    /** A request as the proxy saw it: the request line's method and target, and its proxy credentials. */
    public record Request(String method, String target, Optional<String> proxyAuthorization) {
    }

    private final ServerSocket socket;
    private final Map<String, String> hosts;
    private final Optional<String> credentials;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "forwarding-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private ForwardingProxy(Map<String, String> hosts, Optional<String> credentials) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.hosts = Map.copyOf(hosts);
        this.credentials = credentials;
        threads.execute(this::accept);
    }

    /**
     * @param hosts names only this proxy resolves, to the address they stand for, or to {@code address:port},
     *              where a request for the name on any port goes (a registry on port 80, say, such as
     *              {@code http://registry.npmjs.org/}, served by a fixture on another port)
     * @param credentials base64 {@code user:password} it requires, if any
     */
    public static ForwardingProxy start(Map<String, String> hosts, Optional<String> credentials) {
        try {
            return new ForwardingProxy(hosts, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:port}, as a proxy setting gives it. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            Optional<String> authorization = header(head, "Proxy-Authorization");
            requests.add(new Request(requestLine[0], requestLine[1], authorization));
            if (credentials.isPresent() && !authorization.equals(Optional.of("Basic " + credentials.get()))) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (requestLine[0].equals("CONNECT")) {
                tunnel(requestLine[1], in, out);
            } else {
                forward(URI.create(requestLine[1]), requestLine[0], head, out);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** A real tunnel: bytes both ways between the client and the target, until either side closes. */
    private void tunnel(String authority, InputStream in, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon);
        try (Socket target = new Socket(resolve(host), port(host, Integer.parseInt(authority.substring(colon + 1))))) {
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            threads.execute(() -> {
                try {
                    target.getInputStream().transferTo(out);
                } catch (IOException e) {
                    // either side closed
                }
            });
            in.transferTo(target.getOutputStream());
        }
    }

    /** Sends the request on in origin form without the proxy's own headers, and the answer back as it came. */
    private void forward(URI target, String method, List<String> head, OutputStream out) throws IOException {
        try (Socket origin = new Socket(resolve(target.getHost()),
                port(target.getHost(), target.getPort() < 0 ? 80 : target.getPort()))) {
            StringBuilder request = new StringBuilder(method + " " + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " HTTP/1.1\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    request.append(line).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            origin.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            InputStream answer = origin.getInputStream();
            List<String> responseHead = readHead(answer);
            StringBuilder response = new StringBuilder();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    response.append(line).append("\r\n");
                }
            }
            response.append("Connection: close\r\n\r\n");
            out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
            answer.transferTo(out);
        }
    }

    /** The port a request for the host goes to: the one its mapping names, else the one asked for. */
    private int port(String host, int asked) {
        String mapped = hosts.getOrDefault(host, "");
        return mapped.contains(":") ? Integer.parseInt(mapped.substring(mapped.indexOf(':') + 1)) : asked;
    }

    private InetAddress resolve(String host) throws IOException {
        return InetAddress.getByName(hosts.getOrDefault(host, host).replaceFirst(":.*", ""));
    }

    private static Optional<String> header(List<String> head, String name) {
        return head.stream().skip(1).filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).trim()).findFirst();
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return List.of();
    }
}
