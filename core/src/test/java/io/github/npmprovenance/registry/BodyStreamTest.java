package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link BodyStream} against a subscription of its own: what a reader sees, and what the exchange is told. */
class BodyStreamTest {
    private final AtomicInteger requested = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final BodyStream body = new BodyStream();

    BodyStreamTest() {
        body.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet((int) n);
            }

            @Override
            public void cancel() {
                cancelled.incrementAndGet();
            }
        });
    }

    @Test
    void aBodyCutShortIsNeverReadAsEndingWhole() throws Exception {
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2})));
        body.onError(new IOException("connection reset"));
        byte[] into = new byte[8];

        assertThat(body.read(into, 0, 8)).isEqualTo(2);
        assertThatThrownBy(() -> body.read(into, 0, 8)).hasMessageContaining("connection reset");
        // a second read (a reader that tries again, skip, a drain) used to return -1, a clean end
        assertThatThrownBy(() -> body.read(into, 0, 8)).hasMessageContaining("connection reset");
        assertThatThrownBy(body::read).hasMessageContaining("connection reset");
    }

    @Test
    void aClosedStreamReadsNothingMoreEvenOfBytesReceived() throws Exception {
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertThat(body.read()).isEqualTo(1);

        body.close();

        assertThat(cancelled.get()).isEqualTo(1);
        assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessage("closed");
    }

    @Test
    void aBodyReadToItsEndLeavesTheExchangeUncancelled() throws Exception {
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1})));
        body.onComplete();

        assertThat(body.read()).isEqualTo(1);
        assertThat(body.read()).isEqualTo(-1);
        assertThat(body.read()).isEqualTo(-1);
        body.close();

        assertThat(cancelled.get()).isZero();
    }

    @Test
    void closingFromAnotherThreadWakesTheReaderAndCancels() throws Exception {
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            body.close();
        });
        closer.start();

        assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessage("closed");
        closer.join();
        assertThat(cancelled.get()).isEqualTo(1);
    }
}
