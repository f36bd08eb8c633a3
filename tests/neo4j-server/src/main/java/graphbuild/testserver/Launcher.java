package graphbuild.testserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Embedded Neo4j Community DBMS with a Bolt connector, for graphbuild's tests only.
 *
 * <p>Environment:
 * <ul>
 *   <li>NEO4J_DATA_DIR: where the store lives (default: a new temporary directory);
 *       deleted again on shutdown when the launcher created it.</li>
 *   <li>NEO4J_PORT: Bolt port on 127.0.0.1 (default: a free port).</li>
 *   <li>NEO4J_PASSWORD: password of user neo4j (default "graphbuild-test").</li>
 *   <li>NEO4J_IMPORT_DIR: LOAD CSV root for file:/// URLs (default DATA_DIR/import).</li>
 * </ul>
 *
 * <p>Prints {@code NEO4J_URI=bolt://127.0.0.1:PORT} once Bolt accepts connections,
 * then {@code NEO4J_IMPORT_DIR=...}, and runs until SIGTERM/SIGINT.
 */
public final class Launcher {
    static final String DEFAULT_PASSWORD = "graphbuild-test";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        String password = envOr("NEO4J_PASSWORD", DEFAULT_PASSWORD);
        String dataEnv = System.getenv("NEO4J_DATA_DIR");
        boolean ownsData = dataEnv == null || dataEnv.isBlank();
        Path data = ownsData ? Files.createTempDirectory("graphbuild-neo4j-") : Paths.get(dataEnv).toAbsolutePath();
        Path importDir = Paths.get(envOr("NEO4J_IMPORT_DIR", data.resolve("import").toString())).toAbsolutePath();
        Files.createDirectories(importDir);
        int port = Integer.parseInt(envOr("NEO4J_PORT", Integer.toString(freePort())));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // the wrong-password test must not lock the real user out
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .setConfig(GraphDatabaseSettings.allow_file_urls, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
                if (ownsData) {
                    deleteTree(data);
                }
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));

        waitForBolt(port, 60_000);
        System.out.println("NEO4J_URI=bolt://127.0.0.1:" + port);
        System.out.println("NEO4J_IMPORT_DIR=" + importDir);
        System.out.flush();
        stopped.await();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void waitForBolt(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Bolt did not accept connections on port " + port);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temporary directory is harmless
        }
    }
}
