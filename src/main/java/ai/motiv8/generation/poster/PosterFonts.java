package ai.motiv8.generation.poster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The poster's two typefaces: a condensed display face for the headline and the date, and a
 * sturdy sans for the copy line. The bundled OFL fonts are used when they load; otherwise the
 * JDK's logical bold sans-serif, so that a missing or broken font never stops a poster.
 */
public final class PosterFonts {

  /** Bebas Neue Bold (OFL 1.1), see {@code fonts/README.md}. */
  public static final String DISPLAY_RESOURCE = "/fonts/BebasNeue-Bold.otf";
  /** Lato Bold (OFL 1.1). */
  public static final String TEXT_RESOURCE = "/fonts/Lato-Bold.ttf";

  private static final Logger LOG = LoggerFactory.getLogger(PosterFonts.class);

  private final Font display;
  private final Font text;
  private final boolean displayBundled;
  private final boolean textBundled;

  private PosterFonts(Font display, Font text, boolean displayBundled, boolean textBundled) {
    this.display = display;
    this.text = text;
    this.displayBundled = displayBundled;
    this.textBundled = textBundled;
  }

  /** The bundled fonts, loaded once per JVM. */
  public static PosterFonts bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * Loads two fonts from class-path resources; each one that cannot be loaded is replaced by the
   * logical bold sans-serif font (and a warning is logged).
   */
  public static PosterFonts load(String displayResource, String textResource) {
    Font display = loadResource(displayResource);
    Font text = loadResource(textResource);
    return new PosterFonts(display != null ? display : fallback(), text != null ? text : fallback(),
        display != null, text != null);
  }

  /** The display face at {@code size} pixels. */
  public Font display(float size) {
    return display.deriveFont(Font.PLAIN, size);
  }

  /** The copy face at {@code size} pixels. */
  public Font text(float size) {
    return text.deriveFont(Font.PLAIN, size);
  }

  public boolean displayBundled() {
    return displayBundled;
  }

  public boolean textBundled() {
    return textBundled;
  }

  /** A logical font is only a name until drawn: creating it never touches the font stack. */
  private static Font fallback() {
    return new Font(Font.SANS_SERIF, Font.BOLD, 12);
  }

  private static Font loadResource(String resource) {
    try (InputStream in = PosterFonts.class.getResourceAsStream(resource)) {
      if (in == null) {
        LOG.warn("Poster font {} not found, using the logical sans-serif bold font", resource);
        return null;
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException | FontFormatException | RuntimeException | LinkageError | InternalError e) {
      // Errors too: a JDK without FreeType/fontconfig fails font loading with LinkageError or InternalError.
      LOG.warn("Poster font {} could not be loaded ({}), using the logical sans-serif bold font", resource,
          e.toString());
      return null;
    }
  }

  private static final class Bundled {
    static final PosterFonts INSTANCE = load(DISPLAY_RESOURCE, TEXT_RESOURCE);
  }
}
