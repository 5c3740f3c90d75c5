package greengraph.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

import sun.misc.Signal;

/**
 * Local, embedded Neo4j Community for greengraph development and tests.
 *
 * <p>Starts a DBMS with only the Bolt connector (127.0.0.1, no auth), prints exactly one
 * {@code READY bolt://127.0.0.1:<port>} line to stdout once Bolt accepts connections, and
 * runs until SIGTERM/SIGINT (or, with {@code --exit-on-stdin-close}, until stdin reaches
 * EOF, i.e. the parent process is gone). It then shuts the DBMS down cleanly, prints
 * {@code STOPPED} and exits 0.
 *
 * <p>Environment: NEO4J_BOLT_PORT (7687), NEO4J_DATA_DIR (.data/neo4j), NEO4J_PAGECACHE (256m).
 * Neo4j's own logs go to {@code <data dir>/logs/}.
 */
public final class LocalNeo4j {
    private static final PrintStream OUT = System.out;

    private static final Object LOCK = new Object();
    private static DatabaseManagementService dbms;
    private static boolean stopped;

    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        boolean exitOnStdinClose = false;
        for (String arg : args) {
            if (arg.equals("--exit-on-stdin-close")) {
                exitOnStdinClose = true;
            } else {
                System.err.println("Unknown argument: " + arg);
                System.err.println("Usage: LocalNeo4j [--exit-on-stdin-close]");
                System.exit(2);
            }
        }

        int port = parsePort(env("NEO4J_BOLT_PORT", "7687"));
        Path home = Path.of(env("NEO4J_DATA_DIR", ".data/neo4j")).toAbsolutePath().normalize();
        long pageCache = SettingValueParsers.BYTES.parse(env("NEO4J_PAGECACHE", "256m"));
        Files.createDirectories(home);

        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handle TERM/INT ourselves so the main thread can shut down and exit with 0.
        for (String sig : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(sig), s -> stopRequested.countDown());
            } catch (IllegalArgumentException e) {
                // Signal not available on this platform; the shutdown hook still covers it.
            }
        }
        // Fallback for any other JVM exit path (System.exit, unhandled signals).
        Runtime.getRuntime().addShutdownHook(new Thread(LocalNeo4j::stop, "local-neo4j-shutdown"));

        if (exitOnStdinClose) {
            Thread watchdog = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // ignore input
                    }
                } catch (IOException ignored) {
                    // treat as closed
                }
                System.err.println("local-neo4j: stdin closed, shutting down");
                stopRequested.countDown();
            }, "local-neo4j-stdin-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        System.err.println("local-neo4j: starting Neo4j in " + home + " (logs in " + home.resolve("logs") + ")");
        long t0 = System.nanoTime();
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // No usage data reporting / phoning home.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                    // Defaults make shutdown wait ~10 s for Bolt/Netty grace periods; a dev DB needn't.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2));
            // A test database is wiped and seeded again for every test file: with the default interval
            // (10 s), each new seed of the same small graph replans every statement that the last one
            // planned, because an empty graph "diverges" from a seeded one. Tests set a long interval.
            String replanInterval = System.getenv("NEO4J_CYPHER_MIN_REPLAN_INTERVAL");
            if (replanInterval != null && !replanInterval.isBlank()) {
                builder.setConfig(GraphDatabaseSettings.cypher_min_replan_interval, SettingValueParsers.DURATION.parse(replanInterval));
            }
            DatabaseManagementService service = builder.build();
            synchronized (LOCK) {
                dbms = service;
            }
            // Wait until the default database is actually available before declaring readiness.
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) {
                throw new IllegalStateException("default database did not become available within 2 minutes");
            }
        } catch (Throwable t) {
            t.printStackTrace(System.err);
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.toString() : root.getMessage();
            if (message.contains("store_lock")) {
                System.err.println("local-neo4j: failed to start Neo4j: the data directory " + home
                        + " is in use by another Neo4j process (store_lock is held)");
            } else {
                System.err.println("local-neo4j: failed to start Neo4j: " + message);
            }
            System.err.println("local-neo4j: see " + home.resolve("logs/debug.log") + " for details");
            synchronized (LOCK) {
                stopped = true; // nothing to report as STOPPED
                if (dbms != null) {
                    try {
                        dbms.shutdown();
                    } catch (Throwable ignored) {
                        // already failing
                    }
                }
            }
            System.exit(1);
            return;
        }
        System.err.printf("local-neo4j: started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        OUT.println("READY bolt://127.0.0.1:" + port);
        OUT.flush();

        stopRequested.await();
        stop();
        System.exit(0);
    }

    /** Idempotent clean shutdown; prints STOPPED once. */
    private static void stop() {
        synchronized (LOCK) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (dbms != null) {
                try {
                    dbms.shutdown();
                } catch (Throwable t) {
                    System.err.println("local-neo4j: error during shutdown: " + t);
                }
            }
        }
        OUT.println("STOPPED");
        OUT.flush();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        System.err.println("local-neo4j: invalid NEO4J_BOLT_PORT: " + value);
        System.exit(2);
        return -1;
    }
}
