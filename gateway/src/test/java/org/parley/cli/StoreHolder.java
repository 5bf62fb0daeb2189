package org.parley.cli;

import java.nio.file.Path;
import org.parley.config.SettingsLoader;
import org.parley.store.Store;

/** A second process that holds a data folder's embedded store open, as a running server would. */
public final class StoreHolder {
    private StoreHolder() {
    }

    @SuppressWarnings("try") // the store is held open, not used
    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(SettingsLoader.defaults().set("parley.data-dir", Path.of(args[0]).toString()).load())) {
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
