import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a hot rollback journal ({@code DB-journal}) beside a database, as a writer killed mid-transaction leaves
 * it: its pages are those of {@code original}, so the next SQLite connection that opens {@code db} rolls it back and
 * sees {@code original}'s content. Format: sqlite.org/fileformat2.html#the_rollback_journal.
 */
final class HotJournal {
    private static final long MAGIC = 0xd9d505f920a163d7L;
    private static final int SECTOR = 512;
    private static final int NONCE = 0x5a17c0de;

    private HotJournal() {}

    static Path write(Path db, Path original) throws IOException {
        byte[] pages = Files.readAllBytes(original);
        int encoded = (pages[16] & 0xff) << 8 | pages[17] & 0xff; // the header's page size; 1 means 65536
        int pageSize = encoded == 1 ? 65536 : encoded;
        int count = pages.length / pageSize;
        ByteBuffer journal = ByteBuffer.allocate(SECTOR + count * (pageSize + 8));
        journal.putLong(MAGIC).putInt(count).putInt(NONCE).putInt(count).putInt(SECTOR).putInt(pageSize);
        journal.position(SECTOR);
        for (int page = 0; page < count; page++) {
            journal.putInt(page + 1).put(pages, page * pageSize, pageSize);
            int checksum = NONCE;
            for (int i = pageSize - 200; i > 0; i -= 200) {
                checksum += pages[page * pageSize + i] & 0xff;
            }
            journal.putInt(checksum);
        }
        Path file = db.resolveSibling(db.getFileName() + "-journal");
        Files.write(file, journal.array());
        return file;
    }
}
