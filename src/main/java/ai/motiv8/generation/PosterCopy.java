package ai.motiv8.generation;

import java.util.Objects;

/**
 * The words printed on the day's image: a short headline (a few words, set large) and the day's
 * line (a sentence, set as body copy). The daily content catalogue fills it; engines that print
 * no text ignore it.
 */
public record PosterCopy(String headline, String line) {

  public PosterCopy {
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(line, "line");
    if (headline.isBlank()) {
      throw new IllegalArgumentException("headline must not be blank");
    }
  }
}
