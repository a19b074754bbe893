package io.alexandria.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The window's file dialogs (the OS's own choosers in the app; a test supplies its answers).
 */
public interface FileDialogs {
    /**
     * Asks where to save a file.
     *
     * @param filters extension filters, the first one selected
     * @return the chosen path, or empty when cancelled
     */
    Optional<Path> saveFile(Window owner, String title, String initialName, List<FileChooser.ExtensionFilter> filters);

    /** Asks for a folder, starting at {@code initial} when it exists; empty when cancelled. */
    Optional<Path> chooseFolder(Window owner, String title, Path initial);

    /**
     * Asks for one or more files to open.
     *
     * @param filters extension filters, the first one selected
     * @return the chosen files, empty when cancelled
     */
    List<Path> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters);

    /** The OS's choosers. */
    static FileDialogs system() {
        return new FileDialogs() {
            @Override
            public Optional<Path> saveFile(Window owner, String title, String initialName,
                                           List<FileChooser.ExtensionFilter> filters) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.setInitialFileName(initialName);
                chooser.getExtensionFilters().setAll(filters);
                if (!filters.isEmpty()) {
                    chooser.setSelectedExtensionFilter(filters.getFirst());
                }
                File f = chooser.showSaveDialog(owner);
                return Optional.ofNullable(f).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(title);
                if (initial != null && initial.isAbsolute() && initial.toFile().isDirectory()) {
                    chooser.setInitialDirectory(initial.toFile());
                }
                File f = chooser.showDialog(owner);
                return Optional.ofNullable(f).map(File::toPath);
            }

            @Override
            public List<Path> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.getExtensionFilters().setAll(filters);
                if (!filters.isEmpty()) {
                    chooser.setSelectedExtensionFilter(filters.getFirst());
                }
                List<File> files = chooser.showOpenMultipleDialog(owner);
                return files == null ? List.of() : files.stream().map(File::toPath).toList();
            }
        };
    }
}
