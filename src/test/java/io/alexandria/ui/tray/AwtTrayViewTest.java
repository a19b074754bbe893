package io.alexandria.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.event.ActionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The real AWT tray icon, where this desktop has a tray: its popup menu mirrors the
 * {@link TrayMenu} and each item reports its action. Skipped, with a message, where there is no
 * tray — always in the headless test JVM and on CI; the menu's logic is covered by
 * {@link TrayMenuTest} and the window's tray controller test there.
 */
class AwtTrayViewTest {
    @Test
    void thePopupMirrorsTheMenuAndReportsActions() throws Exception {
        assumeTrue(AwtTrayView.supported(), "no system tray here (headless JVM or a desktop without one): "
                + "the AWT tray is not tested; TrayMenuTest covers the menu it draws");
        List<TrayAction> chosen = new CopyOnWriteArrayList<>();
        AwtTrayView view = AwtTrayView.install(chosen::add).orElseThrow();
        try {
            TrayMenu menu = TrayMenuTest.menu(TrayMenuTest.READY, TrayMenuTest.progress(
                    io.alexandria.sync.EngineProgress.State.PAUSED, 2, TrayMenuTest.run(2, 0, 0, 0)), null, false);
            view.show(menu);
            List<String> labels = new ArrayList<>();
            EventQueue.invokeAndWait(() -> {
                PopupMenu popup = view.popupMenu();
                for (int i = 0; i < popup.getItemCount(); i++) {
                    MenuItem item = popup.getItem(i);
                    labels.add(item.getLabel());
                    if (TrayAction.RESUME.name().equals(item.getActionCommand())) {
                        for (var l : item.getActionListeners()) {
                            l.actionPerformed(new ActionEvent(item, ActionEvent.ACTION_PERFORMED, item.getActionCommand()));
                        }
                    }
                }
            });
            assertEquals(List.of("Open Alexandria", "-", "Sync now", "Resume", "-", "Quit Alexandria"), labels);
            assertEquals(List.of(TrayAction.RESUME), chosen);
        } finally {
            view.close();
        }
    }
}
