package ai.motiv8.storage;

import io.vertx.core.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImageVariantTest {

  private static final String IMAGE = "generated/20260101_070000_00112233445566778899aabbccddeeff_generated.png";
  private static final String STEM = "generated/20260101_070000_00112233445566778899aabbccddeeff_generated";

  @Test
  @DisplayName("Variants sit beside the image under names derived from its key, and lead back to it")
  void keys() {
    assertThat(ImageVariant.PNG.keyOf(IMAGE)).isEqualTo(IMAGE);
    assertThat(ImageVariant.siblingKeys(IMAGE)).containsExactly(STEM + ".jpg", STEM + ".2x.png", STEM + ".2x.jpg",
        STEM + ".preview.jpg");
    for (String sibling : ImageVariant.siblingKeys(IMAGE)) {
      assertThat(StorageKeys.isValid(sibling)).isTrue();
      assertThat(ImageVariant.imageKeyOf(sibling)).isEqualTo(IMAGE);
      assertThat(ImageVariant.isSiblingName(sibling.substring("generated/".length()))).isTrue();
    }
    assertThat(ImageVariant.imageKeyOf(IMAGE)).isEqualTo(IMAGE);
    assertThat(ImageVariant.isSiblingName(IMAGE.substring("generated/".length()))).isFalse();
  }

  @Test
  @DisplayName("?variant= names 1x (or nothing), 2x and preview; the preview is JPEG whatever the client prefers")
  void densities() {
    assertThat(ImageVariant.Density.lookup(null)).isEqualTo(ImageVariant.Density.STANDARD);
    assertThat(ImageVariant.Density.lookup("1x")).isEqualTo(ImageVariant.Density.STANDARD);
    assertThat(ImageVariant.Density.lookup("2x")).isEqualTo(ImageVariant.Density.DOUBLE);
    assertThat(ImageVariant.Density.lookup("preview")).isEqualTo(ImageVariant.Density.PREVIEW);
    assertThat(ImageVariant.Density.lookup("2X")).isNull();
    assertThat(ImageVariant.Density.lookup("../x")).isNull();
    assertThat(ImageVariant.of(ImageVariant.Density.DOUBLE, true)).isEqualTo(ImageVariant.JPEG_2X);
    assertThat(ImageVariant.of(ImageVariant.Density.STANDARD, false)).isEqualTo(ImageVariant.PNG);
    assertThat(ImageVariant.of(ImageVariant.Density.PREVIEW, false)).isEqualTo(ImageVariant.PREVIEW);
  }

  @Test
  @DisplayName("deleteAll deletes the siblings first and keeps the image's own key when a sibling fails")
  void deleteOrder() {
    List<String> deleted = new ArrayList<>();
    assertThat(ImageVariant.deleteAll(IMAGE, key -> {
      deleted.add(key);
      return Future.succeededFuture();
    }).succeeded()).isTrue();
    assertThat(deleted).hasSize(5).last().isEqualTo(IMAGE);

    deleted.clear();
    Future<Void> failed = ImageVariant.deleteAll(IMAGE, key -> {
      deleted.add(key);
      return key.endsWith(".2x.png") ? Future.failedFuture("storage down") : Future.succeededFuture();
    });
    assertThat(failed.failed()).isTrue();
    assertThat(deleted).doesNotContain(IMAGE).hasSize(4);
  }
}
