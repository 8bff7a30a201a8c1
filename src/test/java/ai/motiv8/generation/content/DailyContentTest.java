package ai.motiv8.generation.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.motiv8.users.Mode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The daily catalogue, its index rule and the content each mode gets. */
class DailyContentTest {

  @Test
  @DisplayName("The bundled catalogue has 365 entries in 12 contiguous themed sets of the cycle's sizes")
  void catalogueIsValid() {
    DailyCatalogue catalogue = DailyCatalogue.get();
    assertThat(catalogue.entries()).hasSize(365);
    int[] sizes = {30, 30, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30};
    int[] starts = {0, 30, 60, 91, 122, 153, 184, 215, 245, 275, 305, 335};
    for (Theme theme : Theme.values()) {
      assertThat(DailyCatalogue.setSize(theme)).isEqualTo(sizes[theme.cycleMonth()]);
      assertThat(DailyCatalogue.setStart(theme)).isEqualTo(starts[theme.cycleMonth()]);
      assertThat(catalogue.entries().stream().filter(e -> e.theme() == theme).count()).isEqualTo(sizes[theme.ordinal()]);
    }
    for (DailyCatalogue.Entry entry : catalogue.entries()) {
      assertThat(entry.pose()).isNotBlank();
      assertThat(entry.background()).isNotBlank().doesNotContainIgnoringCase("person");
      assertThat(entry.line()).isNotBlank().hasSizeLessThan(80);
    }
    assertThat(catalogue.entries().stream().map(DailyCatalogue.Entry::pose).collect(Collectors.toSet()))
        .as("every pose is its own").hasSize(365);
  }

  @Test
  @DisplayName("A catalogue with a wrong count, a misplaced theme or a blank field is refused, naming the problem")
  void validationRefusesBadCatalogues() {
    assertThatThrownBy(() -> DailyCatalogue.parse("athletics\ta\tb\tc\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 entries, expected 365");
    assertThatThrownBy(() -> DailyCatalogue.parse("athletics\ta\tb\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 1").hasMessageContaining("4 tab");
    assertThatThrownBy(() -> DailyCatalogue.parse("sports\ta\tb\tc\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown theme 'sports'");
    assertThatThrownBy(() -> DailyCatalogue.parse("athletics\ta\t \tc\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("blank");
    StringBuilder shifted = new StringBuilder("# a comment\n\n");
    for (int i = 0; i < 365; i++) {
      Theme theme = i < 29 ? Theme.ATHLETICS : Theme.values()[Math.min(11, 1 + (i - 29) / 30)];
      shifted.append(theme.id()).append("\tpose ").append(i).append("\tscene\tline\n");
    }
    assertThatThrownBy(() -> DailyCatalogue.parse(shifted.toString()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("entry 29 is in theme callings");
  }

  @Test
  @DisplayName("The index of a date is set_starts[(month-4) mod 12] + (day-1) mod set_size, for every month and leap day")
  void indexFormula() {
    int[] sizes = {30, 30, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30};
    int[] starts = {0, 30, 60, 91, 122, 153, 184, 215, 245, 275, 305, 335};
    Set<Integer> seen = new HashSet<>();
    for (LocalDate d = LocalDate.of(2024, 1, 1); d.isBefore(LocalDate.of(2025, 1, 1)); d = d.plusDays(1)) {
      int cycle = Math.floorMod(d.getMonthValue() - 4, 12);
      int expected = starts[cycle] + (d.getDayOfMonth() - 1) % sizes[cycle];
      assertThat(DailyCatalogue.index(d)).as("%s", d).isEqualTo(expected);
      assertThat(DailyCatalogue.get().forDate(d).theme()).isEqualTo(Theme.ofDate(d));
      seen.add(expected);
    }
    assertThat(DailyCatalogue.index(LocalDate.of(2025, 4, 1))).isZero();
    assertThat(DailyCatalogue.index(LocalDate.of(2025, 4, 30))).isEqualTo(29);
    assertThat(DailyCatalogue.index(LocalDate.of(2025, 5, 31))).as("May 31 wraps to May's first").isEqualTo(30);
    assertThat(DailyCatalogue.index(LocalDate.of(2025, 7, 31))).as("July's 31-entry set reaches its end")
        .isEqualTo(121);
    assertThat(DailyCatalogue.index(LocalDate.of(2025, 3, 31))).isEqualTo(335);
    assertThat(DailyCatalogue.index(LocalDate.of(2024, 2, 29))).as("leap day").isEqualTo(305 + 28);
    assertThat(DailyCatalogue.index(LocalDate.of(2025, 1, 15))).isEqualTo(275 + 14);
    // June and September have 30 days for their 31-entry sets, February 2024 29 for 30 entries: those sets'
    // last entries are not reached in 2024; everything else is.
    assertThat(seen).hasSize(362).doesNotContain(90, 183, 334);
  }

  @Test
  @DisplayName("Every mode gives its own person prompt, negative prompt and headline; the background is the same")
  void modesAreDistinct() {
    LocalDate day = LocalDate.of(2025, 7, 14);
    List<DailyContent> all = List.of(Mode.values()).stream().map(m -> DailyContent.forDate(day, m, "female")).toList();
    assertThat(all.stream().map(DailyContent::personPrompt).distinct()).hasSize(4);
    assertThat(all.stream().map(DailyContent::personNegativePrompt).distinct()).hasSize(4);
    assertThat(all.stream().map(DailyContent::backgroundPrompt).distinct()).hasSize(1);
    DailyContent shame = DailyContent.forDate(day, Mode.SHAME, "female");
    DailyContent toned = DailyContent.forDate(day, Mode.TONED, "female");
    DailyContent ripped = DailyContent.forDate(day, Mode.RIPPED, "male");
    DailyContent furry = DailyContent.forDate(day, Mode.FURRY, null);
    String pose = DailyCatalogue.get().forDate(day).pose();
    assertThat(shame.theme()).isEqualTo(Theme.WILD);
    assertThat(all).allSatisfy(c -> assertThat(c.personPrompt()).contains(pose).contains("plain light grey studio"));
    assertThat(shame.personPrompt()).contains("out-of-shape").doesNotContain("professional");
    assertThat(shame.personNegativePrompt()).contains("muscular").contains("mocking").contains("caricature");
    assertThat(shame.headline()).isEqualTo("THIS COULD BE YOU");
    assertThat(shame.mailHeading()).isEqualTo("This could be you");
    assertThat(shame.copy()).isNotEqualTo(shame.line());
    assertThat(toned.personPrompt()).startsWith("professional full body photo of a woman").contains("toned");
    assertThat(ripped.personPrompt()).contains("a man").contains("bodybuilder");
    assertThat(toned.copy()).isEqualTo(toned.line());
    assertThat(toned.mailHeading()).isEqualTo("Get after it!");
    assertThat(furry.personPrompt()).contains("anthropomorphic").contains("a person").contains("own human face");
    assertThat(furry.personNegativePrompt()).contains("animal snout");
    assertThat(shame.backgroundPrompt()).contains("no people");
    assertThat(shame.backgroundNegativePrompt()).contains("person");
    for (DailyContent c : all) {
      assertThat(c.personPrompt() + c.copy() + c.mailLead()).doesNotContainIgnoringCase("ugly")
          .doesNotContainIgnoringCase("obese").doesNotContainIgnoringCase("disgusting");
    }
  }

  @Test
  @DisplayName("Content is the same for the same day; the background seed depends on the day only")
  void deterministic() {
    LocalDate day = LocalDate.of(2026, 10, 3);
    assertThat(DailyContent.forDate(day, Mode.FURRY, "M")).isEqualTo(DailyContent.forDate(day, Mode.FURRY, "male"));
    assertThat(DailyContent.forDate(day, Mode.SHAME, null).backgroundSeed())
        .isEqualTo(DailyContent.forDate(day, Mode.RIPPED, "female").backgroundSeed())
        .isNotEqualTo(DailyContent.forDate(day.plusDays(1), Mode.SHAME, null).backgroundSeed())
        .isBetween(0L, (1L << 32) - 1);
    assertThat(DailyContent.forDate(day, Mode.TONED, null).theme()).isEqualTo(Theme.FUTURE);
  }
}
