package dev.keel.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP connection between the application and the broker that a test can unplug: while unplugged, open
 * connections are dropped and new ones are closed as soon as they are accepted, as with a broker that went
 * away; plugged in again, connections pass through to the broker.
 */
final class Cable implements AutoCloseable {

    private final ServerSocket server;
    private final String host;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean plugged = true;

    Cable(String host, int port) {
        this.host = host;
        this.port = port;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("cable-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void unplug() {
        plugged = false;
        open.forEach(Cable::closeQuietly);
        open.clear();
    }

    void plugIn() {
        plugged = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                if (!plugged) {
                    closeQuietly(client);
                    continue;
                }
                var upstream = new Socket(host, port);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or the broker refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        unplug();
        try {
            server.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
