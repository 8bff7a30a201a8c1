package ai.motiv8.generation.content;

import ai.motiv8.users.Gender;
import ai.motiv8.users.Mode;

import java.util.List;

/**
 * The person and background prompts of the two-stage diffusion path, shaped as the original's
 * were: subject and clothing from the gender, the body from the mode, the pose from the day; the
 * person on a plain light studio background (cut out and laid over the day's background), the
 * background without anyone in it. The pose comes right after the subject, so that CLIP's
 * 75-token limit cuts the style words, not the day's action.
 *
 * <p>Shame mode asks for an ordinary out-of-shape version of the person (soft, tired, slouching)
 * and its negative prompt keeps caricature and mockery out: it is a nudge, never an insult.
 * Furry mode draws an anthropomorphic animal version that keeps the person's own face; the animal
 * follows the day (so a day's image is the same on every run).
 */
public final class PersonPrompts {

  static final String STUDIO = "plain light grey studio background, soft even studio lighting, photorealistic, "
      + "highly detailed";
  static final String QUALITY_NEGATIVE = "blurry, low quality, lowres, worst quality, distorted, deformed, extra limbs, "
      + "missing limbs, bad anatomy, monochrome, nude, naked, nudity, text, watermark";
  static final String BACKGROUND_STYLE = "empty scene, no people, wide shot, photorealistic, natural light, "
      + "highly detailed";
  static final String BACKGROUND_NEGATIVE = "people, person, human, face, body, figure, crowd, silhouette, text, "
      + "watermark, blurry, low quality, distorted";

  /** Furry mode's animals, one per day in turn: features that keep the human face. */
  static final List<String> ANIMALS = List.of(
      "red fox: tall pointed fox ears, russet and cream fur over the body, a long bushy white-tipped tail",
      "grey wolf: upright wolf ears, thick silver-grey fur over the body, a long full tail",
      "snow leopard: rounded leopard ears, pale spotted fur over the body, a long thick spotted tail",
      "brown bear: small round bear ears, dense brown fur over the body, broad padded paws");

  private PersonPrompts() {
  }

  /** The person on a plain background, doing the day's pose, shaped by mode and gender. */
  static String person(Mode mode, String gender, DailyCatalogue.Entry entry) {
    String subject = subject(gender, mode);
    String body = switch (mode) {
      case SHAME -> "with a soft, out-of-shape, unfit body, a round belly and slumped shoulders, looking tired and "
          + "unkempt";
      case TONED -> "with a lean, toned athletic physique and visible muscle definition";
      case RIPPED -> "with an extremely muscular bodybuilder physique and sharply defined muscles";
      case FURRY -> "as an anthropomorphic " + animal(entry) + ", keeping their own human face";
    };
    String prefix = mode == Mode.SHAME ? "" : "professional ";
    return prefix + "full body photo of " + subject + ", " + entry.pose() + ", " + body + ", " + STUDIO;
  }

  static String personNegative(Mode mode) {
    return switch (mode) {
      case SHAME -> "muscular, fit, athletic, toned, six pack, caricature, grotesque, mocking, cartoon, "
          + QUALITY_NEGATIVE;
      case TONED -> "bulky, bodybuilder, scenery, landscape, buildings, " + QUALITY_NEGATIVE;
      case RIPPED -> "skinny, thin, frail, scenery, landscape, buildings, " + QUALITY_NEGATIVE;
      case FURRY -> "animal muzzle, animal snout, full animal head, cartoon, anime, scenery, " + QUALITY_NEGATIVE;
    };
  }

  static String background(DailyCatalogue.Entry entry) {
    return entry.background() + ", " + BACKGROUND_STYLE;
  }

  static String backgroundNegative() {
    return BACKGROUND_NEGATIVE;
  }

  static String animal(DailyCatalogue.Entry entry) {
    return ANIMALS.get(entry.index() % ANIMALS.size());
  }

  private static String subject(String gender, Mode mode) {
    String who = Gender.FEMALE.equals(gender) ? "a woman" : Gender.MALE.equals(gender) ? "a man" : "a person";
    String clothing = Gender.FEMALE.equals(gender) ? "in a fitted athletic two-piece" : Gender.MALE.equals(gender)
        ? "in fitted athletic shorts" : "in fitted athletic wear";
    if (mode == Mode.FURRY) {
      clothing = clothing + " made for a furry body";
    }
    return who + " " + clothing;
  }
}
