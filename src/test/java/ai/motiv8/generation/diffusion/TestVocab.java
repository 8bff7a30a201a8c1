package ai.motiv8.generation.diffusion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CLIP-style vocabulary built the way CLIP's is (written again here from the published
 * construction, independently of {@link ClipTokenizer}): the 256 byte symbols of GPT-2's
 * {@code bytes_to_unicode} in its order (ids 0..255: {@code "!"} = 0, {@code "a"} = 64), the
 * same with {@code </w>} (256..511: {@code "a</w>"} = 320, as in CLIP), then one id per merge
 * (512 + rank), and the special tokens at CLIP's ids 49406 and 49407.
 */
final class TestVocab {

  /** A few merges: enough to make "photo" one token and to show rank order and left-to-right merging. */
  static final List<String> MERGES = List.of(
      "p h",          // 512 ph
      "o t",          // 513 ot
      "ph ot",        // 514 phot
      "phot o</w>",   // 515 photo</w>
      "a a",          // 516 aa
      "c a",          // 517 ca
      "ca t</w>",     // 518 cat</w>
      "o f</w>");     // 519 of</w>

  private TestVocab() {
  }

  /** GPT-2's byte → symbol table, as the Python reference writes it. */
  static Map<Integer, String> bytesToUnicode() {
    List<Integer> bs = new ArrayList<>();
    for (int b = '!'; b <= '~'; b++) {
      bs.add(b);
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      bs.add(b);
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      bs.add(b);
    }
    List<Integer> cs = new ArrayList<>(bs);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (!bs.contains(b)) {
        bs.add(b);
        cs.add(256 + n);
        n++;
      }
    }
    Map<Integer, String> table = new LinkedHashMap<>();
    for (int i = 0; i < bs.size(); i++) {
      table.put(bs.get(i), new String(Character.toChars(cs.get(i))));
    }
    return table;
  }

  static Map<String, Integer> vocab(List<String> merges) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    List<String> symbols = new ArrayList<>(bytesToUnicode().values());
    for (String s : symbols) {
      vocab.put(s, vocab.size());
    }
    for (String s : symbols) {
      vocab.put(s + "</w>", vocab.size());
    }
    for (String merge : merges) {
      vocab.put(merge.replace(" ", ""), vocab.size());
    }
    vocab.put("<|startoftext|>", 49406);
    vocab.put("<|endoftext|>", 49407);
    return vocab;
  }

  static ClipTokenizer tokenizer() {
    return new ClipTokenizer(vocab(MERGES), MERGES, ClipTokenizer.EOS_TOKEN);
  }

  /** Writes {@code vocab.json} and {@code merges.txt} (with its {@code #version} header) into {@code dir}. */
  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder json = new StringBuilder("{");
    vocab(MERGES).forEach((symbol, id) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(escape(symbol)).append("\":").append(id);
    });
    json.append('}');
    Files.writeString(dir.resolve("vocab.json"), json, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", MERGES) + "\n",
        StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
