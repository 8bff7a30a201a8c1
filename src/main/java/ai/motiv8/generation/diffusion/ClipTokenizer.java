package ai.motiv8.generation.diffusion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLIP byte-level BPE tokenizer of Stable Diffusion 1.5's text encoder, as transformers'
 * {@code CLIPTokenizer} applies it:
 *
 * <ol>
 *   <li>clean the text: Unicode NFC, control characters dropped, every run of white space one
 *       space, trimmed, lower-cased (what {@code ftfy.fix_text} + {@code whitespace_clean} +
 *       {@code lower()} and the {@code BasicTokenizer} fallback agree on for ordinary text);</li>
 *   <li>split it with CLIP's pattern: the two special tokens, the contractions {@code 's 't 're 've
 *       'm 'll 'd}, runs of letters, single digits, runs of other non-space characters;</li>
 *   <li>map each piece's UTF-8 bytes to GPT-2's printable byte alphabet, mark its last symbol
 *       with {@code </w>} (end of word), and merge adjacent symbol pairs by merge rank (lowest
 *       first, every non-overlapping occurrence, left to right) until no ranked pair is left;</li>
 *   <li>look the symbols up in the vocabulary (unknown → {@code <|endoftext|>}), then frame them
 *       as {@code [BOS, ≤75 tokens, EOS]} and pad to {@value #CONTEXT_LENGTH} with the pad token
 *       (SD 1.5's tokenizer pads with {@code <|endoftext|>} = EOS).</li>
 * </ol>
 *
 * <p>Immutable and thread-safe (the BPE cache is concurrent).
 */
public final class ClipTokenizer {

  /** Tokens the text encoder sees: BOS + 75 + EOS. */
  public static final int CONTEXT_LENGTH = 77;
  public static final String BOS_TOKEN = "<|startoftext|>";
  public static final String EOS_TOKEN = "<|endoftext|>";
  /** Ids of the special tokens in CLIP's 49408-token vocabulary. */
  public static final int BOS_ID = 49406;
  public static final int EOS_ID = 49407;
  /** transformers reads at most this many merges ({@code 49152 - 256 - 2}). */
  static final int MAX_MERGES = 49152 - 256 - 2;
  private static final String END_OF_WORD = "</w>";
  private static final int CACHE_LIMIT = 20_000;

  private static final Pattern PIECES = Pattern.compile(
      "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final String[] BYTE_SYMBOLS = byteSymbols();

  private final Map<String, Integer> vocab;
  private final Map<String, Integer> ranks;
  private final int bosId;
  private final int eosId;
  private final int padId;
  private final int unknownId;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  /**
   * @param vocab symbol → id ({@code vocab.json}); must hold the two special tokens
   * @param merges merge rules {@code "a b"} in rank order (the lines of {@code merges.txt} after
   *     its {@code #version} header)
   * @param padToken the padding token, {@link #EOS_TOKEN} for SD 1.5
   */
  public ClipTokenizer(Map<String, Integer> vocab, List<String> merges, String padToken) {
    this.vocab = Map.copyOf(vocab);
    this.bosId = requireId(BOS_TOKEN);
    this.eosId = requireId(EOS_TOKEN);
    this.unknownId = eosId;
    this.padId = requireId(padToken);
    Map<String, Integer> ranked = new HashMap<>();
    int limit = Math.min(merges.size(), MAX_MERGES);
    for (int rank = 0; rank < limit; rank++) {
      String[] pair = merges.get(rank).trim().split("\\s+");
      if (pair.length != 2) {
        throw new IllegalArgumentException("merge rule " + (rank + 1) + " is not two symbols: '" + merges.get(rank) + "'");
      }
      ranked.putIfAbsent(pair[0] + ' ' + pair[1], rank);
    }
    this.ranks = Map.copyOf(ranked);
    cache.put(BOS_TOKEN, List.of(BOS_TOKEN));
    cache.put(EOS_TOKEN, List.of(EOS_TOKEN));
  }

  /**
   * Loads {@code vocab.json} and {@code merges.txt}; the pad token is {@code <|endoftext|>}
   * unless a {@code special_tokens_map.json} beside them names another one.
   *
   * @throws IOException when a file is missing or unreadable, with its path in the message
   */
  public static ClipTokenizer load(Path vocabJson, Path mergesTxt) throws IOException {
    Map<String, Object> raw;
    try {
      raw = Json.readObject(vocabJson);
    } catch (IOException | RuntimeException e) {
      throw new IOException("Cannot read the CLIP vocabulary " + vocabJson.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    Map<String, Integer> vocab = new HashMap<>(raw.size() * 2);
    for (Map.Entry<String, Object> entry : raw.entrySet()) {
      if (!(entry.getValue() instanceof Long id)) {
        throw new IOException(vocabJson.toAbsolutePath() + ": the id of '" + entry.getKey() + "' is not an integer");
      }
      vocab.put(entry.getKey(), Math.toIntExact(id));
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(mergesTxt, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("Cannot read the CLIP merges " + mergesTxt.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    List<String> merges = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if ((i == 0 && line.startsWith("#version")) || line.isBlank()) {
        continue;
      }
      merges.add(line);
    }
    String pad = padToken(vocabJson.resolveSibling("special_tokens_map.json"));
    try {
      return new ClipTokenizer(vocab, merges, pad);
    } catch (IllegalArgumentException e) {
      throw new IOException("Bad CLIP tokenizer files " + vocabJson.toAbsolutePath() + " / "
          + mergesTxt.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** The {@value #CONTEXT_LENGTH} token ids of {@code text}: BOS, at most 75 tokens, EOS, padding. */
  public int[] encode(String text) {
    int[] ids = new int[CONTEXT_LENGTH];
    Arrays.fill(ids, padId);
    ids[0] = bosId;
    int n = 1;
    for (String symbol : tokenize(text)) {
      if (n == CONTEXT_LENGTH - 1) {
        break;
      }
      ids[n++] = vocab.getOrDefault(symbol, unknownId);
    }
    ids[n] = eosId;
    return ids;
  }

  /** How many tokens {@code text} has before framing; more than 75 are cut off by {@link #encode}. */
  public int countTokens(String text) {
    return tokenize(text).size();
  }

  /** The BPE symbols of {@code text} (e.g. {@code ["a</w>", "photo</w>"]}), before the id look-up. */
  public List<String> tokenize(String text) {
    List<String> symbols = new ArrayList<>();
    Matcher matcher = PIECES.matcher(clean(text == null ? "" : text));
    while (matcher.find()) {
      String piece = matcher.group();
      if (piece.equals(BOS_TOKEN) || piece.equals(EOS_TOKEN)) {
        symbols.add(piece);
        continue;
      }
      symbols.addAll(bpe(toByteSymbols(piece)));
    }
    return symbols;
  }

  /** NFC, control characters dropped, white space collapsed and trimmed, lower case. */
  static String clean(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder kept = new StringBuilder(nfc.length());
    nfc.codePoints().forEach(cp -> {
      if (cp == 0 || cp == 0xFFFD) {
        return;
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        kept.append(' ');
        return;
      }
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        return;
      }
      kept.appendCodePoint(cp);
    });
    return WHITESPACE.matcher(kept).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
  }

  private static String toByteSymbols(String piece) {
    StringBuilder out = new StringBuilder();
    for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
      out.append(BYTE_SYMBOLS[b & 0xFF]);
    }
    return out.toString();
  }

  /** BPE over one pre-token already in byte symbols. */
  private List<String> bpe(String token) {
    List<String> cached = cache.get(token);
    if (cached != null) {
      return cached;
    }
    List<String> word = new ArrayList<>();
    int[] cps = token.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      String symbol = new String(cps, i, 1);
      word.add(i == cps.length - 1 ? symbol + END_OF_WORD : symbol);
    }
    while (word.size() > 1) {
      String best = null;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < word.size(); i++) {
        Integer rank = ranks.get(word.get(i) + ' ' + word.get(i + 1));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          best = word.get(i) + ' ' + word.get(i + 1);
        }
      }
      if (best == null) {
        break;
      }
      String first = best.substring(0, best.indexOf(' '));
      String second = best.substring(best.indexOf(' ') + 1);
      List<String> merged = new ArrayList<>(word.size());
      for (int i = 0; i < word.size(); ) {
        if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
          merged.add(first + second);
          i += 2;
        } else {
          merged.add(word.get(i));
          i++;
        }
      }
      word = merged;
    }
    List<String> result = List.copyOf(word);
    if (cache.size() < CACHE_LIMIT) {
      cache.put(token, result);
    }
    return result;
  }

  /**
   * GPT-2's {@code bytes_to_unicode}: the printable bytes {@code ! .. ~}, {@code ¡ .. ¬},
   * {@code ® .. ÿ} stand for themselves; the other 68 bytes map, in order, to U+0100 onwards.
   */
  private static String[] byteSymbols() {
    String[] symbols = new String[256];
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      symbols[b] = printable ? String.valueOf((char) b) : String.valueOf((char) (256 + next++));
    }
    return symbols;
  }

  private int requireId(String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalArgumentException("the vocabulary lacks the special token " + token);
    }
    return id;
  }

  private static String padToken(Path specialTokensMap) throws IOException {
    if (!Files.isRegularFile(specialTokensMap)) {
      return EOS_TOKEN;
    }
    Object pad;
    try {
      pad = Json.readObject(specialTokensMap).get("pad_token");
    } catch (IOException | RuntimeException e) {
      throw new IOException("Cannot read " + specialTokensMap.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    if (pad instanceof String s) {
      return s;
    }
    if (pad instanceof Map<?, ?> m && m.get("content") instanceof String s) {
      return s;
    }
    return EOS_TOKEN;
  }
}
