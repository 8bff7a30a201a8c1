package ai.motiv8.generation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class FaceGeometryTest {

  @Test
  @DisplayName("A face needs an ordered box and five keypoints or none")
  void validation() {
    assertThatThrownBy(() -> FaceGeometry.ofBox(10, 10, 5, 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FaceGeometry(new float[] {0, 0, 1, 1}, new float[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaceGeometry.ofBox(0, 0, Float.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new FaceGeometry(new float[] {0, 0, 1, 1}, null).hasKeypoints()).isFalse();
  }

  @Test
  @DisplayName("A face copies its arrays so that callers cannot change it")
  void immutable() {
    float[] box = {0, 0, 10, 10};
    FaceGeometry face = FaceGeometry.ofBox(0, 0, 10, 10);
    FaceGeometry same = new FaceGeometry(box, new float[0]);
    box[2] = 99;
    face.box()[2] = 99;

    assertThat(face.boxWidth()).isEqualTo(10);
    assertThat(same).isEqualTo(face).hasSameHashCodeAs(face);
  }
}
