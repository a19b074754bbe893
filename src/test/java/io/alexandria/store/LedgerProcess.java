package io.alexandria.store;

import java.nio.file.Path;

/**
 * A second process on a ledger, for {@link DatabaseSecurityTest}: {@code read DIR KEY} opens the
 * database (through the first process's AUTO_SERVER when one holds it) and prints the
 * {@code app_state} value of KEY.
 */
public final class LedgerProcess {
    private LedgerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        String key = args[2];
        switch (args[0]) {
            case "read" -> {
                try (Database db = Database.open(dir)) {
                    System.out.println("value=" + db.inTransaction(c -> new AppState().get(c, key).orElse("<none>")));
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
