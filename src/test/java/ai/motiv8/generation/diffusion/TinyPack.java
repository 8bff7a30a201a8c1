package ai.motiv8.generation.diffusion;

import ai.motiv8.support.OnnxGraph;

import static ai.motiv8.support.OnnxGraph.Attribute.ints;
import static ai.motiv8.support.OnnxGraph.Attribute.of;
import static ai.motiv8.support.OnnxGraph.attrs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A randomly initialised diffusion pack with the real pack's contract (names, ranks, dtypes,
 * 77 + 4 tokens, latent channels 4, VAE ×8) but tiny widths: token width {@value #WIDTH}
 * instead of 768, CLIP vision width {@value #CLIP_WIDTH} instead of 1280.
 *
 * <ul>
 *   <li>text encoder: {@code tanh(table[input_ids] + position)};</li>
 *   <li>image encoder: a 14×14 stride-14 convolution (ViT patches: 16 × 16 = 256), a zero
 *       class token in front (257), {@code tanh(· + position)};</li>
 *   <li>projection: {@code tanh(reshape(id · W1 + mean_tokens(clip) · W2, [4, 8]))};</li>
 *   <li>UNet: {@code conv1x1(sample) + mean_tokens(text · Wt) + scale · mean_tokens(face · Wf)
 *       + 0.001·t}, the text and face terms per latent channel: guidance, face tokens and the
 *       adapter scale all move the output measurably;</li>
 *   <li>VAE decoder: a 1×1 convolution to 3·64 channels, depth-to-space ×8, tanh.</li>
 * </ul>
 */
public final class TinyPack {

  public static final int WIDTH = 8;
  public static final int CLIP_WIDTH = 16;
  public static final int FACE_TOKENS = 4;
  public static final int EMBEDDING = 512;
  private static final int TEXT = ClipTokenizer.CONTEXT_LENGTH;
  private static final int VOCAB_SIZE = 49408;

  private TinyPack() {
  }

  /** Writes a FaceID-Plus pack with a manifest (sizes and SHA-256) into {@code dir}. */
  public static Path writeFaceIdPack(Path dir) {
    return write(dir, true, true);
  }

  /** Writes a plain SD 1.5-shaped pack: no face models, a 77-token UNet, no adapter scale, no manifest. */
  public static Path writePlainPack(Path dir) {
    return write(dir, false, false);
  }

  static Path write(Path dir, boolean face, boolean manifest) {
    try {
      Random random = new Random(20240601L);
      save(dir, DiffusionPack.TEXT_ENCODER, textEncoder(random));
      save(dir, DiffusionPack.UNET, unet(random, face));
      save(dir, DiffusionPack.VAE_DECODER, vaeDecoder(random));
      if (face) {
        save(dir, DiffusionPack.IMAGE_ENCODER, imageEncoder(random));
        save(dir, DiffusionPack.FACE_PROJECTION, projection(random));
      }
      TestVocab.write(dir.resolve("tokenizer"));
      if (manifest) {
        writeManifest(dir, face);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] textEncoder(Random random) {
    return new OnnxGraph()
        .input(TextEncoder.INPUT, OnnxGraph.INT32, null, (long) TEXT)
        .random("table", random, 1f, VOCAB_SIZE, WIDTH)
        .random("position", random, 0.5f, TEXT, WIDTH)
        .node("Gather", "embedded", "table", TextEncoder.INPUT)
        .node("Add", "summed", "embedded", "position")
        .node("Tanh", TextEncoder.OUTPUT, "summed")
        .output(TextEncoder.OUTPUT, null, (long) TEXT, (long) WIDTH)
        .build();
  }

  static byte[] imageEncoder(Random random) {
    return new OnnxGraph()
        .input(FaceConditioner.PIXEL_VALUES, null, 3L, 224L, 224L)
        .random("patch_w", random, 0.02f, CLIP_WIDTH, 3, 14, 14)
        .random("patch_b", random, 0.1f, CLIP_WIDTH)
        .constant("to_tokens", new long[] {0, CLIP_WIDTH, 256}, 3)
        .constant("class_pad", new long[] {0, 1, 0, 0, 0, 0}, 6)
        .random("clip_position", random, 0.5f, 257, CLIP_WIDTH)
        .node("Conv", "patches", attrs(ints("kernel_shape", 14, 14), ints("strides", 14, 14)),
            FaceConditioner.PIXEL_VALUES, "patch_w", "patch_b")
        .node("Reshape", "flat", "patches", "to_tokens")
        .node("Transpose", "tokens", attrs(ints("perm", 0, 2, 1)), "flat")
        .node("Pad", "with_class", "tokens", "class_pad")
        .node("Add", "positioned", "with_class", "clip_position")
        .node("Tanh", FaceConditioner.PENULTIMATE, "positioned")
        .output(FaceConditioner.PENULTIMATE, null, 257L, (long) CLIP_WIDTH)
        .build();
  }

  static byte[] projection(Random random) {
    return new OnnxGraph()
        .input(FaceConditioner.ID_EMBEDS, null, (long) EMBEDDING)
        .input(FaceConditioner.CLIP_EMBEDS, null, 257L, (long) CLIP_WIDTH)
        .random("w_id", random, 0.2f, EMBEDDING, FACE_TOKENS * WIDTH)
        .random("w_clip", random, 0.5f, CLIP_WIDTH, FACE_TOKENS * WIDTH)
        .constant("token_shape", new long[] {-1, FACE_TOKENS, WIDTH}, 3)
        .node("MatMul", "from_id", FaceConditioner.ID_EMBEDS, "w_id")
        .node("ReduceMean", "clip_mean", attrs(ints("axes", 1), of("keepdims", 0)), FaceConditioner.CLIP_EMBEDS)
        .node("MatMul", "from_clip", "clip_mean", "w_clip")
        .node("Add", "mixed", "from_id", "from_clip")
        .node("Reshape", "shaped", "mixed", "token_shape")
        .node("Tanh", FaceConditioner.FACE_TOKENS, "shaped")
        .output(FaceConditioner.FACE_TOKENS, null, (long) FACE_TOKENS, (long) WIDTH)
        .build();
  }

  static byte[] unet(Random random, boolean face) {
    long tokens = face ? TEXT + FACE_TOKENS : TEXT;
    OnnxGraph g = new OnnxGraph()
        .input(UNet.SAMPLE, null, 4L, null, null)
        .input(UNet.TIMESTEP, (Long) null)
        .input(UNet.ENCODER_HIDDEN_STATES, null, tokens, (long) WIDTH);
    if (face) {
      g.input(UNet.ADAPTER_SCALE, 1L);
    }
    g.random("mix", random, 0.6f, 4, 4, 1, 1)
        .random("w_text", random, 1f, WIDTH, 4)
        .constant("text_start", new long[] {0}, 1)
        .constant("text_end", new long[] {TEXT}, 1)
        .constant("token_axis", new long[] {1}, 1)
        .constant("per_channel", new long[] {-1, 4, 1, 1}, 4)
        .constant("per_sample", new long[] {-1, 1, 1, 1}, 4)
        .constant("t_scale", new float[] {0.001f}, 1)
        .node("Conv", "mixed", UNet.SAMPLE, "mix")
        .node("Slice", "text", UNet.ENCODER_HIDDEN_STATES, "text_start", "text_end", "token_axis")
        .node("MatMul", "text_proj", "text", "w_text")
        .node("ReduceMean", "text_mean", attrs(ints("axes", 1), of("keepdims", 1)), "text_proj")
        .node("Reshape", "text_bias", "text_mean", "per_channel")
        .node("Mul", "t_scaled", UNet.TIMESTEP, "t_scale")
        .node("Reshape", "t_bias", "t_scaled", "per_sample")
        .node("Add", "with_text", "mixed", "text_bias")
        .node("Add", face ? "with_time" : UNet.OUTPUT, "with_text", "t_bias");
    if (face) {
      g.random("w_face", random, 1f, WIDTH, 4)
          .constant("face_start", new long[] {TEXT}, 1)
          .constant("face_end", new long[] {TEXT + FACE_TOKENS}, 1)
          .node("Slice", "face", UNet.ENCODER_HIDDEN_STATES, "face_start", "face_end", "token_axis")
          .node("MatMul", "face_proj", "face", "w_face")
          .node("ReduceMean", "face_mean", attrs(ints("axes", 1), of("keepdims", 1)), "face_proj")
          .node("Reshape", "face_bias", "face_mean", "per_channel")
          .node("Mul", "face_scaled", "face_bias", UNet.ADAPTER_SCALE)
          .node("Add", UNet.OUTPUT, "with_time", "face_scaled");
    }
    return g.output(UNet.OUTPUT, null, 4L, null, null).build();
  }

  static byte[] vaeDecoder(Random random) {
    int channels = 3 * VaeDecoder.SCALE * VaeDecoder.SCALE;
    return new OnnxGraph()
        .input(VaeDecoder.INPUT, 1L, 4L, null, null)
        .random("to_pixels", random, 0.15f, channels, 4, 1, 1)
        .random("pixel_bias", random, 0.2f, channels)
        .node("Conv", "cells", VaeDecoder.INPUT, "to_pixels", "pixel_bias")
        .node("DepthToSpace", "pixels", attrs(of("blocksize", VaeDecoder.SCALE)), "cells")
        .node("Tanh", VaeDecoder.OUTPUT, "pixels")
        .output(VaeDecoder.OUTPUT, 1L, 3L, null, null)
        .build();
  }

  private static void save(Path dir, String relative, byte[] model) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, model);
  }

  /** A manifest as the export script writes it (files with sizes and SHA-256, parameters). */
  static void writeManifest(Path dir, boolean face) throws IOException {
    List<String> files = new ArrayList<>(List.of(DiffusionPack.TEXT_ENCODER, DiffusionPack.UNET,
        DiffusionPack.VAE_DECODER, DiffusionPack.VOCAB, DiffusionPack.MERGES));
    if (face) {
      files.add(DiffusionPack.IMAGE_ENCODER);
      files.add(DiffusionPack.FACE_PROJECTION);
    }
    StringBuilder json = new StringBuilder("{\n  \"format\": \"motiv8-diffusion-pack\",\n  \"version\": 1,\n")
        .append("  \"pack\": \"tiny-test\",\n")
        .append("  \"parameters\": {\"vae_scaling_factor\": 0.18215, \"num_face_tokens\": ").append(FACE_TOKENS)
        .append("},\n  \"files\": [\n");
    for (int i = 0; i < files.size(); i++) {
      Path file = dir.resolve(files.get(i));
      json.append("    {\"path\": \"").append(files.get(i)).append("\", \"bytes\": ").append(Files.size(file))
          .append(", \"sha256\": \"").append(DiffusionPack.sha256(file)).append("\"}")
          .append(i + 1 < files.size() ? ",\n" : "\n");
    }
    json.append("  ]\n}\n");
    Files.writeString(dir.resolve(DiffusionPack.MANIFEST), json);
  }
}
