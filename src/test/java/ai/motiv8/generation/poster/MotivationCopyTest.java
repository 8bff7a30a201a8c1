package ai.motiv8.generation.poster;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class MotivationCopyTest {

  private static final LocalDate DAY = LocalDate.of(2025, 1, 14);

  @Test
  @DisplayName("The catalogue holds at least 20 distinct, short lines")
  void catalogue() {
    assertThat(MotivationCopy.lines()).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates()
        .allSatisfy(line -> assertThat(line).isNotBlank().hasSizeLessThanOrEqualTo(70));
  }

  @Test
  @DisplayName("The same date and seed always pick the same line")
  void deterministic() {
    for (long seed = -5; seed < 50; seed++) {
      assertThat(MotivationCopy.pick(DAY, seed)).isEqualTo(MotivationCopy.pick(LocalDate.parse("2025-01-14"), seed));
    }
  }

  @Test
  @DisplayName("With one seed, consecutive days never repeat a line until the catalogue is used up")
  void daysWalkTheCatalogue() {
    int size = MotivationCopy.lines().size();
    Set<String> seen = new HashSet<>();
    for (int day = 0; day < size; day++) {
      seen.add(MotivationCopy.pick(DAY.plusDays(day), 1234L));
    }
    assertThat(seen).hasSize(size);
  }

  @Test
  @DisplayName("A different seed or a different date gives a different line")
  void seedAndDateMatter() {
    assertThat(MotivationCopy.pick(DAY, 1)).isNotEqualTo(MotivationCopy.pick(DAY, 2));
    assertThat(MotivationCopy.pick(DAY, 1)).isNotEqualTo(MotivationCopy.pick(DAY.plusDays(1), 1));
    Set<String> bySeed = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      bySeed.add(MotivationCopy.pick(DAY, seed));
    }
    assertThat(bySeed).as("seeds spread over the catalogue").hasSizeGreaterThan(MotivationCopy.lines().size() / 2);
  }
}
