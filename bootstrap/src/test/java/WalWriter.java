import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Random;

/**
 * A child process for {@link BootstrapWalTest}: inserts rows into a WAL-mode database forever, ten per transaction,
 * and prints {@code committed N} after each commit, until the test kills it with SIGKILL. The default
 * autocheckpoint stays on, so the WAL is checkpointed and rewritten from its start (new salts) while it runs.
 */
public final class WalWriter {
    private WalWriter() {}

    public static void main(String[] args) throws Exception {
        Random random = new Random();
        try (Connection connection = Sqlite.open(Path.of(args[0]))) {
            Sqlite.execute(connection, "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                    "CREATE TABLE IF NOT EXISTS log(n INTEGER, body TEXT, data BLOB)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO log(n, body, data) VALUES ((SELECT coalesce(max(n), 0) + 1 FROM log), ?, ?)")) {
                for (long committed = 0; ; ) {
                    for (int i = 0; i < 10; i++) {
                        byte[] data = new byte[random.nextInt(10) == 0 ? 9000 : random.nextInt(200)];
                        random.nextBytes(data);
                        insert.setString(1, "row " + (committed + i));
                        insert.setBytes(2, data);
                        insert.executeUpdate();
                    }
                    connection.commit();
                    committed += 10;
                    System.out.println("committed " + committed);
                    System.out.flush();
                }
            }
        }
    }
}
