package dev.keel;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A child process of {@link FloodTests}: opens connections to a port, sends nothing on them, and reports how many
 * it holds and when the server closed them ({@code open <count> <ms>}, {@code closed <count> <ms>}). In a process
 * of its own so that its sockets do not count against the file descriptors of the server's JVM.
 */
final class IdleConnections {

    private IdleConnections() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        long waitMillis = Long.parseLong(args[2]);
        var selector = Selector.open();
        long started = System.nanoTime();
        int open = 0;
        for (int i = 0; i < count; i++) {
            var channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            open++;
        }
        long opened = System.nanoTime();
        System.out.println("open " + open + " " + (opened - started) / 1_000_000);
        var buffer = ByteBuffer.allocate(1024);
        int closed = 0;
        long deadline = opened + waitMillis * 1_000_000;
        while (closed < open && System.nanoTime() < deadline) {
            selector.select(500);
            for (var key : selector.selectedKeys()) {
                var channel = (SocketChannel) key.channel();
                buffer.clear();
                int read;
                try {
                    read = channel.read(buffer);
                } catch (java.io.IOException reset) {
                    read = -1;
                }
                if (read < 0) {
                    key.cancel();
                    channel.close();
                    closed++;
                }
            }
            selector.selectedKeys().clear();
        }
        System.out.println("closed " + closed + " " + (System.nanoTime() - opened) / 1_000_000);
    }
}
