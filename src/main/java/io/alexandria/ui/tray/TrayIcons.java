package io.alexandria.ui.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The tray icon's images: the app's icon ({@code /icons/alexandria-64.png}) scaled to the tray's
 * size with a badge in the lower right corner whose colour and mark tell the state — green (idle),
 * blue with a ring (syncing), amber with two bars (paused), red with an exclamation mark (error).
 * Plain Java 2D on a {@link BufferedImage}: works without a display.
 */
public final class TrayIcons {
    /** Badge colours per state (ARGB). */
    static final Color IDLE = new Color(0x2f, 0x9e, 0x44);
    static final Color SYNCING = new Color(0x22, 0x6b, 0xe0);
    static final Color PAUSED = new Color(0xe6, 0x8a, 0x00);
    static final Color ERROR = new Color(0xd6, 0x33, 0x33);
    private static BufferedImage base;

    private TrayIcons() {
    }

    /** The badge colour of {@code state}. */
    public static Color color(TrayState state) {
        return switch (state) {
            case IDLE -> IDLE;
            case SYNCING -> SYNCING;
            case PAUSED -> PAUSED;
            case ERROR -> ERROR;
        };
    }

    /** The badge's centre in an image of {@code size} pixels, as (x, y). */
    static double[] badgeCentre(int size) {
        double d = badgeDiameter(size);
        return new double[] {size - d / 2, size - d / 2};
    }

    private static double badgeDiameter(int size) {
        return Math.max(7, size * 0.56);
    }

    /**
     * The icon for {@code state} at {@code size} × {@code size} pixels.
     *
     * @throws UncheckedIOException when the app's icon cannot be read from the class path
     */
    public static BufferedImage render(TrayState state, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(base(), 0, 0, size, size, null);
            double d = badgeDiameter(size);
            double x = size - d;
            double y = size - d;
            g.setColor(Color.WHITE);
            double ring = Math.max(1, size / 16.0);
            g.fill(new Ellipse2D.Double(x - ring, y - ring, d + 2 * ring, d + 2 * ring));
            g.setColor(color(state));
            g.fill(new Ellipse2D.Double(x, y, d, d));
            g.setColor(Color.WHITE);
            double cx = x + d / 2;
            double cy = y + d / 2;
            double u = d / 8;
            switch (state) {
                case PAUSED -> {
                    g.fill(new Rectangle2D.Double(cx - 2.2 * u, cy - 2.5 * u, 1.5 * u, 5 * u));
                    g.fill(new Rectangle2D.Double(cx + 0.7 * u, cy - 2.5 * u, 1.5 * u, 5 * u));
                }
                case ERROR -> {
                    g.fill(new Rectangle2D.Double(cx - 0.75 * u, cy - 3 * u, 1.5 * u, 3.6 * u));
                    g.fill(new Rectangle2D.Double(cx - 0.75 * u, cy + 1.5 * u, 1.5 * u, 1.5 * u));
                }
                case SYNCING -> {
                    g.setStroke(new BasicStroke((float) Math.max(1, 1.2 * u)));
                    g.draw(new java.awt.geom.Arc2D.Double(cx - 2.4 * u, cy - 2.4 * u, 4.8 * u, 4.8 * u, 90, 270,
                            java.awt.geom.Arc2D.OPEN));
                }
                case IDLE -> {
                    // a plain green dot
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static synchronized BufferedImage base() {
        if (base == null) {
            try (InputStream in = TrayIcons.class.getResourceAsStream("/icons/alexandria-64.png")) {
                base = in == null ? new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB) : ImageIO.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the app icon", e);
            }
        }
        return base;
    }
}
