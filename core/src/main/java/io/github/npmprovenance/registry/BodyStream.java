package io.github.npmprovenance.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body read as a stream, as {@code BodySubscribers.ofInputStream()} gives it, except that a read waiting
 * for the network ends when its thread is interrupted. JDK 17's stream catches the interruption and waits on, its
 * thread's interrupt status cleared, so a run cancelled (a Jenkins build aborted) went on reading a stalled body
 * until the timeout, and then tried again.
 *
 * <p>As there, one list of buffers is asked for at a time, and closing the stream before its end cancels the
 * exchange (the connection is dropped), while closing it at its end leaves the connection for the next request.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    /** Queued after the last list, or to wake a reader when the stream is closed; compared by identity. */
    private static final List<ByteBuffer> END = Collections.unmodifiableList(new ArrayList<>());

    private final BlockingQueue<List<ByteBuffer>> lists = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private Flow.Subscription subscription;
    private boolean completed;
    private volatile boolean closed;
    private volatile Throwable failure;

    // the reader's own
    private Iterator<ByteBuffer> current = Collections.emptyIterator();
    private ByteBuffer buffer;
    private boolean ended;

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        boolean cancel;
        synchronized (lock) {
            cancel = closed || subscription != null;
            if (!cancel) {
                subscription = given;
            }
        }
        if (cancel) {
            given.cancel();
        } else {
            given.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        lists.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        finish();
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        synchronized (lock) {
            completed = true;
        }
        lists.add(END);
    }

    @Override
    public int read() throws IOException {
        ByteBuffer next = next();
        return next == null ? -1 : next.get() & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        ByteBuffer next = next();
        if (next == null) {
            return -1;
        }
        int count = Math.min(length, next.remaining());
        next.get(into, offset, count);
        return count;
    }

    /** The buffer with bytes left to read, waiting for one if need be; null at the end of the body. */
    private ByteBuffer next() throws IOException {
        // as BodySubscribers.ofInputStream's: once closed, no read, even of bytes already received
        if (closed) {
            throw new IOException("closed");
        }
        while (buffer == null || !buffer.hasRemaining()) {
            if (closed) {
                throw new IOException("closed");
            }
            if (current.hasNext()) {
                buffer = current.next();
                continue;
            }
            if (ended) {
                // a body cut short stays so: a second read must not take it for the end of a whole one
                return endOrFailure();
            }
            List<ByteBuffer> list;
            try {
                list = lists.take();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the body");
            }
            if (closed) {
                throw new IOException("closed");
            }
            if (list == END) {
                ended = true;
                return endOrFailure();
            }
            current = list.iterator();
            Flow.Subscription given;
            synchronized (lock) {
                given = subscription;
            }
            given.request(1);
        }
        return buffer;
    }

    /** @return null at the end of a whole body; @throws IOException why a body ended before its end */
    private ByteBuffer endOrFailure() throws IOException {
        Throwable failed = failure;
        if (failed != null) {
            throw failed instanceof IOException io ? io : new IOException(failed);
        }
        return null;
    }

    /** Before the end of the body, cancels the exchange; wakes a reader waiting in another thread. */
    @Override
    public void close() {
        Flow.Subscription cancel;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            cancel = completed ? null : subscription;
        }
        if (cancel != null) {
            cancel.cancel();
        }
        lists.add(END);
    }
}
