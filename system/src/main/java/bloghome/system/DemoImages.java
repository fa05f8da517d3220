package bloghome.system;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The demo blog's images, drawn in code: the skin's (header, background tile, column strip) and the
 * figure in its newest post. No text is drawn (a machine without CJK fonts would draw boxes): the
 * post's alt text says what the figure shows.
 */
final class DemoImages {

  private DemoImages() {}

  /** 1920 x 120: a calm gradient on the left, where the title sits; the drawing on the right. */
  static BufferedImage header() {
    BufferedImage image = new BufferedImage(1920, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    g.setPaint(new GradientPaint(0, 0, new Color(0x1B2A41), 1920, 120, new Color(0x27566B)));
    g.fillRect(0, 0, 1920, 120);
    Random random = new Random(7);
    for (int i = 0; i < 60; i++) {
      int x = 1300 + random.nextInt(600);
      int y = random.nextInt(120);
      int r = 2 + random.nextInt(5);
      g.setColor(new Color(255, 255, 255, 60 + random.nextInt(120)));
      g.fill(new Ellipse2D.Double(x, y, r, r));
    }
    g.setStroke(new BasicStroke(6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(new Color(0xFC5531));
    Path2D brackets = new Path2D.Double();
    brackets.moveTo(1650, 30);
    brackets.lineTo(1615, 60);
    brackets.lineTo(1650, 90);
    brackets.moveTo(1760, 30);
    brackets.lineTo(1795, 60);
    brackets.lineTo(1760, 90);
    brackets.moveTo(1725, 25);
    brackets.lineTo(1685, 95);
    g.draw(brackets);
    g.setColor(new Color(255, 255, 255, 40));
    g.fill(new Ellipse2D.Double(1520, -60, 240, 240));
    g.dispose();
    return image;
  }

  /** 48 x 48 tile: a light paper tone with a faint dot grid, for the page background. */
  static BufferedImage tile() {
    BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    g.setColor(new Color(0xF5F6F7));
    g.fillRect(0, 0, 48, 48);
    g.setColor(new Color(0xE2E4E8));
    g.fill(new Ellipse2D.Double(10, 10, 4, 4));
    g.fill(new Ellipse2D.Double(34, 34, 4, 4));
    g.dispose();
    return image;
  }

  /** Exactly 300 x 38: a strip for the side column's heading. */
  static BufferedImage column() {
    BufferedImage image = new BufferedImage(300, 38, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    g.setPaint(new GradientPaint(0, 0, new Color(0xFC5531), 300, 0, new Color(0xFF8A65)));
    g.fillRect(0, 0, 300, 38);
    g.setColor(new Color(255, 255, 255, 90));
    for (int x = 220; x < 300; x += 14) {
      g.fillRect(x, 8, 6, 22);
    }
    g.dispose();
    return image;
  }

  /**
   * 1600 x 900: a bar chart of throughput, a thread pool's bar and the virtual threads' bar about
   * three times as tall, over a light grid.
   */
  static BufferedImage throughputChart() {
    BufferedImage image = new BufferedImage(1600, 900, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1600, 900);
    g.setColor(new Color(0xE3E6EC));
    g.setStroke(new BasicStroke(2));
    for (int y = 120; y <= 780; y += 110) {
      g.drawLine(160, y, 1480, y);
    }
    g.setColor(new Color(0x4A4F5C));
    g.setStroke(new BasicStroke(4));
    g.drawLine(160, 100, 160, 780);
    g.drawLine(160, 780, 1480, 780);
    g.setColor(new Color(0x8C96A8));
    g.fillRect(380, 780 - 210, 300, 210);
    g.setColor(new Color(0xC8452F));
    g.fillRect(920, 780 - 630, 300, 630);
    return image;
  }

  private static Graphics2D canvas(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    return g;
  }

  static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
