package ai.motiv8.generation.content;

import ai.motiv8.users.Gender;
import ai.motiv8.users.Mode;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day's content for one person, shared by every engine and the mail: the day's theme and
 * catalogue entry, the mode- and gender-shaped person prompt and the background prompt of the
 * diffusion engine, and the headline and copy of the poster and the mail.
 *
 * @param date the logical day
 * @param theme the month's theme
 * @param index the day's catalogue entry, 0..364 ({@link DailyCatalogue#index})
 * @param mode the person's mode
 * @param gender {@code male}, {@code female} or null (unknown)
 * @param personPrompt the person alone on a plain studio background, doing the day's pose
 * @param personNegativePrompt what the person pass must avoid (mode-specific)
 * @param backgroundPrompt the day's scene without people
 * @param backgroundNegativePrompt keeps people out of the background
 * @param line the day's motivational line
 * @param headline the poster's headline (upper case)
 * @param copy the poster's copy line (the day's line, or shame mode's own)
 * @param mailHeading the mail's heading, e.g. {@code This could be you}
 * @param mailLead the mail's first sentence about the picture
 */
public record DailyContent(LocalDate date, Theme theme, int index, Mode mode, String gender, String personPrompt,
                           String personNegativePrompt, String backgroundPrompt, String backgroundNegativePrompt,
                           String line, String headline, String copy, String mailHeading, String mailLead) {

  public DailyContent {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(theme, "theme");
    Objects.requireNonNull(mode, "mode");
  }

  /**
   * The content of {@code date} for a person in {@code mode}.
   *
   * @param gender any spelling {@link Gender#normalize} accepts, or null
   */
  public static DailyContent forDate(LocalDate date, Mode mode, String gender) {
    Objects.requireNonNull(mode, "mode");
    DailyCatalogue.Entry entry = DailyCatalogue.get().forDate(date);
    String normalized = Gender.normalize(gender);
    return new DailyContent(date, entry.theme(), entry.index(), mode, normalized,
        PersonPrompts.person(mode, normalized, entry), PersonPrompts.personNegative(mode),
        PersonPrompts.background(entry), PersonPrompts.backgroundNegative(), entry.line(),
        ModeVoice.headline(mode), ModeVoice.copy(mode, entry), ModeVoice.mailHeading(mode), ModeVoice.mailLead(mode));
  }

  /** The day's catalogue entry. */
  public DailyCatalogue.Entry entry() {
    return DailyCatalogue.get().entry(index);
  }

  /**
   * A seed for the day's background that does not depend on who asked first, so the shared
   * background is the same whichever user's job renders it; below 2^32 like every chosen seed.
   */
  public long backgroundSeed() {
    return Math.floorMod(date.toEpochDay() * 0x9E3779B97F4A7C15L + index, 1L << 32);
  }
}
