package ai.motiv8.generation.diffusion;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.Locale;

/** Where ONNX Runtime runs the diffusion models ({@code generation.diffusion.executionProvider}). */
public enum ExecutionProvider {

  /** The default build's CPU kernels. */
  CPU,
  /**
   * NVIDIA GPU 0 through CUDA; needs the {@code onnxruntime_gpu} artifact instead of
   * {@code onnxruntime} on the class path (the {@code gpu} Maven profile) and a matching CUDA/cuDNN
   * installation.
   */
  CUDA;

  /** The provider named {@code value} ({@code cpu} or {@code cuda}, any case). */
  public static ExecutionProvider lookup(String value) {
    if (value == null || value.isBlank()) {
      return CPU;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "cpu" -> CPU;
      case "cuda", "gpu" -> CUDA;
      default -> throw new IllegalArgumentException("execution provider must be 'cpu' or 'cuda', got '" + value + "'");
    };
  }

  /**
   * Fails with a message that says what to install when this ONNX Runtime build cannot run
   * this provider.
   */
  void requireAvailable() {
    if (this == CPU) {
      return;
    }
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      throw new IllegalStateException("The CUDA execution provider was requested, but this ONNX Runtime build has "
          + "only " + OrtEnvironment.getAvailableProviders() + ". Build the GPU jar (mvn -Pgpu -DskipTests package: "
          + "onnxruntime_gpu instead of onnxruntime) and run it on a machine with CUDA 12 and cuDNN 9, or use the "
          + "CPU provider (see docs/diffusion.md, \"Hardware\").");
    }
  }
}
