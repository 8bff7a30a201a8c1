package ai.motiv8.generation.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerTest {

  private static final int BOS = 49406, EOS = 49407;
  private final ClipTokenizer tokenizer = TestVocab.tokenizer();

  private static int symbolId(String symbol) {
    return TestVocab.vocab(TestVocab.MERGES).get(symbol);
  }

  @Test
  @DisplayName("Single letters get CLIP's own ids: 'a' is 320 ('a</w>'), framed by BOS 49406 and EOS 49407")
  void clipIdsForBytes() {
    int[] ids = tokenizer.encode("a");
    assertThat(ids).hasSize(77);
    assertThat(Arrays.copyOf(ids, 3)).containsExactly(BOS, 320, EOS);
    assertThat(symbolId("a")).isEqualTo(64);
    assertThat(symbolId("!")).isEqualTo(0);
  }

  @Test
  @DisplayName("Merges apply by rank to the word with its </w> end mark")
  void mergesByRank() {
    assertThat(tokenizer.tokenize("photo")).containsExactly("photo</w>");
    assertThat(tokenizer.tokenize("photos")).containsExactly("phot", "o", "s</w>");
    assertThat(tokenizer.tokenize("cat")).containsExactly("cat</w>");
    assertThat(tokenizer.tokenize("of")).containsExactly("of</w>");
    assertThat(tokenizer.tokenize("caat")).containsExactly("c", "aa", "t</w>");
    // 'a a' merges left to right without overlap: a a a</w> -> aa a</w>
    assertThat(tokenizer.tokenize("aaa")).containsExactly("aa", "a</w>");
  }

  @Test
  @DisplayName("Text is lower-cased and its white space collapsed before splitting")
  void cleaning() {
    assertThat(tokenizer.tokenize("  A\tPHOTO \n\n Of   a CAT  ")).containsExactly("a</w>", "photo</w>", "of</w>",
        "a</w>", "cat</w>");
    assertThat(ClipTokenizer.clean("Hello\u00a0\u2003World\u0007")).isEqualTo("hello world");
    assertThat(Arrays.copyOf(tokenizer.encode("A photo of a cat"), 7)).containsExactly(BOS, 320,
        symbolId("photo</w>"), symbolId("of</w>"), 320, symbolId("cat</w>"), EOS);
  }

  @Test
  @DisplayName("CLIP's pattern splits contractions, letter runs, single digits and punctuation runs")
  void preTokenisation() {
    assertThat(tokenizer.tokenize("it's")).containsExactly("i", "t</w>", "'", "s</w>");
    assertThat(tokenizer.tokenize("cat,cat!!")).containsExactly("cat</w>", ",</w>", "cat</w>", "!", "!</w>");
    assertThat(tokenizer.tokenize("2024")).containsExactly("2</w>", "0</w>", "2</w>", "4</w>");
    assertThat(tokenizer.tokenize("x2")).containsExactly("x</w>", "2</w>");
    assertThat(tokenizer.tokenize("<|startoftext|>a")).containsExactly("<|startoftext|>", "a</w>");
  }

  @Test
  @DisplayName("Non-ASCII text goes through UTF-8 bytes and GPT-2's byte alphabet")
  void bytes() {
    // é = C3 A9 -> 'Ã' '©'; NFC first, so e + combining acute is the same
    assertThat(tokenizer.tokenize("é")).containsExactly("Ã", "©</w>");
    assertThat(tokenizer.tokenize("e\u0301")).containsExactly("Ã", "©</w>");
    // a byte outside the printable ranges: U+00A0 no-break space is white space; U+00AD soft hyphen is C2 AD -> Â, ŃŃ
    assertThat(TestVocab.bytesToUnicode().get(0xAD)).isEqualTo("\u0143");
    assertThat(tokenizer.tokenize("😀")).hasSize(4);
  }

  @Test
  @DisplayName("77 ids always: padding with EOS (SD 1.5), long prompts cut to 75 tokens")
  void framing() {
    int[] empty = tokenizer.encode("");
    assertThat(empty[0]).isEqualTo(BOS);
    assertThat(Arrays.stream(empty, 1, 77)).containsOnly(EOS);
    assertThat(tokenizer.encode(null)).containsExactly(empty);

    String longPrompt = "cat ".repeat(100);
    assertThat(tokenizer.countTokens(longPrompt)).isEqualTo(100);
    int[] ids = tokenizer.encode(longPrompt);
    assertThat(ids).hasSize(77);
    assertThat(ids[0]).isEqualTo(BOS);
    assertThat(Arrays.stream(ids, 1, 76)).containsOnly(symbolId("cat</w>"));
    assertThat(ids[76]).isEqualTo(EOS);
  }

  @Test
  @DisplayName("Unknown symbols map to <|endoftext|>, as CLIP's unk token")
  void unknown() {
    var noMerges = new ClipTokenizer(java.util.Map.of("<|startoftext|>", BOS, "<|endoftext|>", EOS, "a</w>", 320),
        List.of(), ClipTokenizer.EOS_TOKEN);
    assertThat(Arrays.copyOf(noMerges.encode("a b"), 4)).containsExactly(BOS, 320, EOS, EOS);
  }

  @Test
  @DisplayName("Loads vocab.json and merges.txt, honours a pad token from special_tokens_map.json")
  void loadsFiles(@TempDir Path dir) throws IOException {
    TestVocab.write(dir);
    ClipTokenizer loaded = ClipTokenizer.load(dir.resolve("vocab.json"), dir.resolve("merges.txt"));
    assertThat(loaded.encode("A photo of a cat")).containsExactly(tokenizer.encode("A photo of a cat"));

    Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": {\"content\": \"!\"}}");
    int[] padded = ClipTokenizer.load(dir.resolve("vocab.json"), dir.resolve("merges.txt")).encode("a");
    assertThat(Arrays.copyOf(padded, 4)).containsExactly(BOS, 320, EOS, 0);
  }

  @Test
  @DisplayName("A missing or broken file is named in the error")
  void badFiles(@TempDir Path dir) throws IOException {
    TestVocab.write(dir);
    Path merges = dir.resolve("merges.txt");
    assertThatThrownBy(() -> ClipTokenizer.load(dir.resolve("nope.json"), merges))
        .isInstanceOf(IOException.class).hasMessageContaining("nope.json");
    Files.writeString(dir.resolve("vocab.json"), "{\"a\": ");
    assertThatThrownBy(() -> ClipTokenizer.load(dir.resolve("vocab.json"), merges))
        .isInstanceOf(IOException.class).hasMessageContaining("vocab.json");
    Files.writeString(dir.resolve("vocab.json"), "{\"a\": 1}");
    assertThatThrownBy(() -> ClipTokenizer.load(dir.resolve("vocab.json"), merges))
        .isInstanceOf(IOException.class).hasMessageContaining("<|startoftext|>");
  }
}
