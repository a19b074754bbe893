/*
 * Draws Alexandria's app icon (an open book under a magnifying glass, on a night-blue tile) with
 * Java2D and writes every format the installers need. Regenerate after changing the drawing:
 *
 *   java -Djava.awt.headless=true icons/MakeIcons.java .
 *
 * Output, under the given packaging/jpackage folder:
 *   icons/alexandria-<N>.png  N = 16..1024 (Linux app image, general use)
 *   icons/alexandria.ico      Windows: 16-256 px, PNG-compressed entries
 *   icons/alexandria.icns     macOS: 16-1024 px, drawn on Apple's icon grid (transparent margin)
 *   linux/Alexandria.png      the .deb's menu icon (jpackage takes installer icons from the
 *   macos/Alexandria-volume.icns  resource folder, not from --icon, when it packages an app image)
 * The drawing is pure vector geometry, so every size is rendered directly rather than scaled, and
 * the same JDK writes the same bytes every time.
 */

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

void main(String[] args) throws IOException {
    // args: [repository root]; icons go to icons/, per-OS copies to packaging/jpackage/<os>/
    Path repo = Path.of(args.length > 0 ? args[0] : ".");
    Path root = repo.resolve("packaging/jpackage");
    Path out = repo.resolve("icons");
    Files.createDirectories(out);
    for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512, 1024}) {
        Files.write(out.resolve("alexandria-" + size + ".png"), png(draw(size, 0.0)));
    }
    writeIco(out.resolve("alexandria.ico"), new int[] {16, 24, 32, 48, 64, 128, 256});
    writeIcns(out.resolve("alexandria.icns"));
    Files.createDirectories(root.resolve("linux"));
    Files.copy(out.resolve("alexandria-256.png"), root.resolve("linux/Alexandria.png"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(root.resolve("macos"));
    Files.copy(out.resolve("alexandria.icns"), root.resolve("macos/Alexandria-volume.icns"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("icons written under " + root.toAbsolutePath());
}

/**
 * Renders the icon at {@code size} pixels. {@code margin} is the transparent border as a share
 * of the size (macOS icons sit on a 1024 grid with an 824 px body, i.e. about 0.1).
 */
BufferedImage draw(int size, double margin) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    // Work in a 0..1 unit square inside the margin.
    double body = size * (1 - 2 * margin);
    g.translate(size * margin, size * margin);
    g.scale(body, body);
    boolean small = size * (1 - 2 * margin) < 40;

    // Tile: rounded square, night blue fading to deep teal.
    g.setPaint(new GradientPaint(0, 0, new Color(0x2B4C7E), 0, 1, new Color(0x173049)));
    g.fill(new RoundRectangle2D.Double(0.02, 0.02, 0.96, 0.96, 0.40, 0.40));

    // Open book: two pages rising from the spine, cream with a darker edge.
    Color page = new Color(0xF5ECD4);
    Color pageShade = new Color(0xDCCFAE);
    Path2D left = new Path2D.Double();
    left.moveTo(0.50, 0.40);
    left.curveTo(0.40, 0.33, 0.26, 0.32, 0.13, 0.35);
    left.lineTo(0.13, 0.76);
    left.curveTo(0.26, 0.73, 0.40, 0.74, 0.50, 0.81);
    left.closePath();
    Path2D right = new Path2D.Double();
    right.moveTo(0.50, 0.40);
    right.curveTo(0.60, 0.33, 0.74, 0.32, 0.87, 0.35);
    right.lineTo(0.87, 0.76);
    right.curveTo(0.74, 0.73, 0.60, 0.74, 0.50, 0.81);
    right.closePath();
    g.setPaint(new GradientPaint(0.13f, 0, pageShade, 0.50f, 0, page));
    g.fill(left);
    g.setPaint(new GradientPaint(0.50f, 0, page, 0.87f, 0, pageShade));
    g.fill(right);
    // Page block under the pages (the book's thickness).
    g.setColor(new Color(0xB8A77F));
    Path2D base = new Path2D.Double();
    base.moveTo(0.13, 0.76);
    base.curveTo(0.26, 0.73, 0.40, 0.74, 0.50, 0.81);
    base.curveTo(0.60, 0.74, 0.74, 0.73, 0.87, 0.76);
    base.lineTo(0.87, 0.79);
    base.curveTo(0.74, 0.76, 0.60, 0.77, 0.50, 0.84);
    base.curveTo(0.40, 0.77, 0.26, 0.76, 0.13, 0.79);
    base.closePath();
    g.fill(base);
    // Spine.
    g.setColor(new Color(0x8C7A55));
    g.setStroke(new BasicStroke(0.012f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(0.50, 0.41, 0.50, 0.81));

    // Lines of text on the left page (too fine to show on the smallest sizes).
    if (!small) {
        g.setColor(new Color(0xA8997A));
        g.setStroke(new BasicStroke(0.018f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 5; i++) {
            double y = 0.44 + i * 0.065;
            double sag = 0.02 * (1 - i / 6.0);
            Path2D line = new Path2D.Double();
            line.moveTo(0.19, y - 0.01 + i * 0.002);
            line.quadTo(0.32, y - 0.02 - sag / 2, 0.44, y + 0.01);
            g.draw(line);
        }
    }

    // Magnifying glass over the right page: amber rim, pale lens, handle down to the right.
    double cx = 0.63;
    double cy = 0.43;
    double r = 0.19;
    g.setColor(new Color(0x9ED3E0, false));
    g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.55f));
    g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    g.setComposite(java.awt.AlphaComposite.SrcOver);
    // Handle first, so the rim overlaps its end.
    g.setColor(new Color(0xC97A14));
    g.setStroke(new BasicStroke(small ? 0.11f : 0.085f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    double a = Math.toRadians(45);
    g.draw(new Line2D.Double(cx + r * Math.cos(a), cy + r * Math.sin(a), 0.88, 0.86));
    g.setColor(new Color(0xF2A93B));
    g.setStroke(new BasicStroke(small ? 0.075f : 0.055f));
    g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    // Glint on the lens.
    if (!small) {
        g.setColor(new Color(255, 255, 255, 190));
        g.setStroke(new BasicStroke(0.025f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D glint = new Path2D.Double();
        glint.moveTo(cx - r * 0.62, cy - r * 0.05);
        glint.quadTo(cx - r * 0.60, cy - r * 0.58, cx - r * 0.08, cy - r * 0.64);
        g.draw(glint);
    }
    g.dispose();
    return img;
}

byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    return bytes.toByteArray();
}

/** Windows .ico: a directory of PNG-compressed images (supported since Windows Vista). */
void writeIco(Path file, int[] sizes) throws IOException {
    byte[][] images = new byte[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
        images[i] = png(draw(sizes[i], 0.0));
    }
    int offset = 6 + 16 * sizes.length;
    ByteBuffer header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
    header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
    for (int i = 0; i < sizes.length; i++) {
        int s = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256
        header.put((byte) s).put((byte) s).put((byte) 0).put((byte) 0);
        header.putShort((short) 1).putShort((short) 32);
        header.putInt(images[i].length).putInt(offset);
        offset += images[i].length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header.array());
    for (byte[] image : images) {
        out.write(image);
    }
    Files.write(file, out.toByteArray());
}

/** macOS .icns: PNG entries by OSType, drawn with Apple's margin. */
void writeIcns(Path file) throws IOException {
    Map<String, Integer> types = new LinkedHashMap<>();
    types.put("icp4", 16);
    types.put("icp5", 32);
    types.put("icp6", 64);
    types.put("ic07", 128);
    types.put("ic08", 256);
    types.put("ic09", 512);
    types.put("ic10", 1024); // 512@2x
    types.put("ic11", 32); // 16@2x
    types.put("ic12", 64); // 32@2x
    types.put("ic13", 256); // 128@2x
    types.put("ic14", 512); // 256@2x
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    for (var t : types.entrySet()) {
        byte[] image = png(draw(t.getValue(), 100.0 / 1024));
        d.writeBytes(t.getKey());
        d.writeInt(8 + image.length);
        d.write(image);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream o = new DataOutputStream(out);
    o.writeBytes("icns");
    o.writeInt(8 + body.size());
    o.write(body.toByteArray());
    Files.write(file, out.toByteArray());
}
