package ai.motiv8.users;

import java.util.Locale;

/**
 * Gender as the original stores it in {@code users.gender}: {@code male} or {@code female} (its
 * face model says {@code M}/{@code F}; both spellings are read). It steers prompts only, never
 * access, and is never shown as a fact about the person.
 */
public final class Gender {

  public static final String MALE = "male";
  public static final String FEMALE = "female";

  private Gender() {
  }

  public static boolean isFemale(String gender) {
    return gender != null && (FEMALE.equalsIgnoreCase(gender.trim()) || "F".equalsIgnoreCase(gender.trim()));
  }

  /** {@code male}/{@code female} for any accepted spelling, or null when unknown. */
  public static String normalize(String gender) {
    if (gender == null || gender.isBlank()) {
      return null;
    }
    String value = gender.trim().toLowerCase(Locale.ROOT);
    if (value.equals("f") || value.equals(FEMALE)) {
      return FEMALE;
    }
    if (value.equals("m") || value.equals(MALE)) {
      return MALE;
    }
    return null;
  }
}
