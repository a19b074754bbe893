package io.alexandria.ui.theme;

/** The window's colour scheme as chosen in Settings. */
public enum ThemeMode {
    /** Light or dark as the operating system is set. */
    SYSTEM("Follow the system"),
    /** Always light. */
    LIGHT("Light"),
    /** Always dark. */
    DARK("Dark");

    private final String label;

    ThemeMode(String label) {
        this.label = label;
    }

    /** Whether the window is dark under this mode, given whether the OS prefers dark. */
    public boolean dark(boolean osPrefersDark) {
        return this == DARK || (this == SYSTEM && osPrefersDark);
    }

    @Override
    public String toString() {
        return label;
    }
}
