package org.parley.relay;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends relay connections that leave us waiting too long. A socket read timeout (SO_TIMEOUT)
 * would do it, but it puts the socket in non-blocking mode, where each wait for an answer
 * is a read that finds nothing, a poll and a second read: three system calls instead of
 * one, twice a copy, a quarter of the outbound worker's time at full speed. So relay
 * sockets block, and this closes one whose connect, answer or room to write is overdue;
 * the stalled call then fails with a {@link SocketTimeoutException}.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /** Looks for overdue connections every period. */
    public Watchdog(Duration period) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Watches a socket; each blocking call on it may take up to timeout. */
    Guard guard(Socket socket, Duration timeout) {
        Guard guard = new Guard(socket, timeout);
        guards.add(guard);
        return guard;
    }

    private void check() {
        long now = System.nanoTime();
        for (Guard g : guards) {
            long deadline = g.deadline;
            if (deadline != 0 && now - deadline > 0) {
                g.expired = true;
                LOG.warn("relay timeout remote={} after={}s", g.socket.getRemoteSocketAddress(), g.timeout.toSeconds());
                try {
                    g.socket.close();
                } catch (IOException e) {
                    // closed is what we wanted
                }
                guards.remove(g);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One watched socket: a deadline while a call on it blocks, none between calls. */
    final class Guard implements AutoCloseable {
        private final Socket socket;
        private final Duration timeout;
        private final long timeoutNanos;
        private volatile long deadline;
        private volatile boolean expired;

        private Guard(Socket socket, Duration timeout) {
            this.socket = socket;
            this.timeout = timeout;
            this.timeoutNanos = timeout.toNanos();
        }

        private void arm() {
            long d = System.nanoTime() + timeoutNanos;
            deadline = d == 0 ? 1 : d;
        }

        private void disarm() {
            deadline = 0;
        }

        /** A blocking step that may fail, such as a connect or a TLS handshake. */
        interface Step {
            void run() throws IOException;
        }

        /** Runs one blocking step under the deadline. */
        void run(Step step) throws IOException {
            arm();
            try {
                step.run();
            } catch (IOException e) {
                throw explain(e);
            } finally {
                disarm();
            }
        }

        /** The failure of a call the watchdog cut short says so; any other passes as it is. */
        private IOException explain(IOException e) {
            if (!expired) {
                return e;
            }
            SocketTimeoutException timedOut = new SocketTimeoutException(
                    "no answer from the relay within " + timeout.toSeconds() + " s");
            timedOut.initCause(e);
            return timedOut;
        }

        /**
         * The socket's input (or that of a TLS layer over it), each read under the deadline;
         * written out rather than through run(), which would cost a lambda per read.
         */
        InputStream input(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    arm();
                    try {
                        return super.read(b, off, len);
                    } catch (IOException e) {
                        throw explain(e);
                    } finally {
                        disarm();
                    }
                }
            };
        }

        /** The socket's output (or that of a TLS layer over it), each write under the deadline. */
        OutputStream output(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    arm();
                    try {
                        out.write(b, off, len);
                    } catch (IOException e) {
                        throw explain(e);
                    } finally {
                        disarm();
                    }
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
        }

        @Override
        public void close() {
            guards.remove(this);
        }
    }
}
