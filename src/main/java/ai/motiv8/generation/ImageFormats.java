package ai.motiv8.generation;

import java.util.Locale;

/**
 * Which stored format of a generated image a client gets, from its {@code Accept} header: JPEG only
 * when the client weighs {@code image/jpeg} above {@code image/png}, PNG otherwise (no header,
 * {@code image/*}, {@code *}{@code /*}, equal weights, or an unreadable header). Each type's weight
 * is that of the most specific range naming it (RFC 9110 §12.5.1); a range with an unreadable
 * {@code q} is ignored.
 */
public final class ImageFormats {

  private ImageFormats() {
  }

  /** True when {@code accept} prefers JPEG to PNG. */
  public static boolean prefersJpeg(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    return weight(accept, "jpeg") > weight(accept, "png");
  }

  /** The weight of {@code image/<subtype>} in {@code accept}; 0 when no range names it. */
  static double weight(String accept, String subtype) {
    double best = 0;
    int bestSpecificity = -1;
    for (String part : accept.split(",")) {
      String[] fields = part.split(";");
      String range = fields[0].trim().toLowerCase(Locale.ROOT);
      int specificity = specificity(range, subtype);
      if (specificity < 0 || specificity < bestSpecificity) {
        continue;
      }
      double q = quality(fields);
      if (Double.isNaN(q)) {
        continue;
      }
      if (specificity > bestSpecificity) {
        best = q;
        bestSpecificity = specificity;
      } else {
        best = Math.max(best, q);
      }
    }
    return best;
  }

  /** 2 for {@code image/<subtype>}, 1 for {@code image/*}, 0 for {@code *}{@code /*}, −1 otherwise. */
  private static int specificity(String range, String subtype) {
    if (range.equals("image/" + subtype) || subtype.equals("jpeg") && range.equals("image/jpg")) {
      return 2;
    }
    if (range.equals("image/*")) {
      return 1;
    }
    return range.equals("*/*") ? 0 : -1;
  }

  /** The range's {@code q} (1 when absent), or NaN when it is not a number in 0..1. */
  private static double quality(String[] fields) {
    for (int i = 1; i < fields.length; i++) {
      String parameter = fields[i].trim();
      if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
        try {
          double q = Double.parseDouble(parameter.substring(2).trim());
          return q >= 0 && q <= 1 ? q : Double.NaN;
        } catch (NumberFormatException e) {
          return Double.NaN;
        }
      }
    }
    return 1;
  }
}
