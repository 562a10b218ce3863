package dev.keel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A child process of {@link FloodTests}: opens connections to a port, sends nothing on them, and reports how many
 * it holds and when the server closed them ({@code open <count> <ms>}, {@code closed <count> <ms>}). In a process
 * of its own so that its sockets do not count against the file descriptors of the server's JVM.
 *
 * <p>It opens them in batches: after each it prints {@code batch <opened so far>} and waits for a line on its
 * standard input, which the test sends once the server has accepted them. A batch smaller than the server's accept
 * backlog never overflows it; an overflowing backlog makes the kernel drop handshakes and retry them for up to half
 * a minute, which measures the kernel, not Keel.
 */
final class IdleConnections {

    private IdleConnections() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        long waitMillis = Long.parseLong(args[3]);
        var go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        var selector = Selector.open();
        long started = System.nanoTime();
        int open = 0;
        for (int i = 0; i < count; i++) {
            var channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            open++;
            if (open % batch == 0 && open < count) {
                System.out.println("batch " + open);
                if (go.readLine() == null) {
                    return;
                }
            }
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
