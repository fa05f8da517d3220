package bloghome.pages;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules {@link Highlighter} applies to one language: its words (keywords, type names,
 * built-ins), its comments and which string and literal forms it has. The names a fence may use for
 * it (its aliases) are listed in {@link #ALIASES}.
 */
record CodeLanguage(
    String name,
    Set<String> keywords,
    Set<String> types,
    Set<String> builtins,
    boolean caseInsensitive,
    String lineComment,
    boolean blockComments,
    Set<Feature> features) {

  /** The string and literal forms, beyond double- and single-quoted strings with escapes. */
  enum Feature {
    /** {@code `…${expr}…`}: template literals whose expressions nest (JavaScript, TypeScript). */
    TEMPLATE_LITERALS,
    /** {@code `…`}: raw strings over several lines, no escapes (Go). */
    RAW_BACKTICK_STRINGS,
    /** {@code """…"""} and {@code '''…'''} over several lines (Python; Java's text blocks). */
    TRIPLE_QUOTES,
    /** {@code r"…" b'…' f"…" rb"…"}: prefixed strings (Python). */
    STRING_PREFIXES,
    /** {@code '…'} without escapes (shell), {@code ''} doubling a quote (SQL). */
    LITERAL_SINGLE_QUOTES,
    /** {@code $name ${…} $1 $?}: variables (shell). */
    DOLLAR_VARIABLES,
    /** {@code <<EOF … EOF}: here-documents (shell). */
    HEREDOCS,
    /** {@code @Name}, {@code @a.b}: annotations and decorators. */
    ANNOTATIONS,
    /** {@code #include …} at the start of a line (C, C++). */
    PREPROCESSOR,
    /** A capitalised identifier is a type name (Java, TypeScript, Python). */
    CAPITALISED_TYPES,
    /** An identifier followed by {@code (} is a function. */
    CALLS,
    /** {@code /re/flags} where a value may start (JavaScript, TypeScript). */
    REGEX_LITERALS,
    /** A {@code #} comment starts only at the beginning of a word (shell). */
    HASH_AT_WORD_START,
    /** {@code "key":} is a key, shown as an attribute (JSON). */
    OBJECT_KEYS,
    /** {@code $} and identifiers may contain {@code $} (Java, JavaScript). */
    DOLLAR_IN_NAMES,
    /** {@code "…"} is a quoted name, not a string (SQL). */
    QUOTED_IDENTIFIERS,
    /** Lines are keys, values, comments, block scalars (YAML); the generic rules do not apply. */
    YAML
  }

  static final CodeLanguage JAVA =
      new CodeLanguage(
          "java",
          words(
              "abstract assert break case catch class const continue default do else enum"
                  + " exports extends final finally for goto if implements import instanceof"
                  + " interface module native new non-sealed open opens package permits private"
                  + " protected provides public record requires return sealed static strictfp"
                  + " super switch synchronized this throw throws to transient transitive try uses"
                  + " var void volatile when while with yield true false null"),
          words("boolean byte char double float int long short"),
          Set.of(),
          false,
          "//",
          true,
          EnumSet.of(
              Feature.TRIPLE_QUOTES,
              Feature.ANNOTATIONS,
              Feature.CAPITALISED_TYPES,
              Feature.CALLS,
              Feature.DOLLAR_IN_NAMES));

  static final CodeLanguage PYTHON =
      new CodeLanguage(
          "python",
          words(
              "False None True and as assert async await break case class continue def del"
                  + " elif else except finally for from global if import in is lambda match"
                  + " nonlocal not or pass raise return try while with yield self"),
          words("bool bytearray bytes complex dict float frozenset int list object set str tuple"),
          words(
              "abs all any enumerate filter getattr hasattr isinstance iter len map max min next"
                  + " open print range repr reversed setattr sorted sum super type zip"),
          false,
          "#",
          false,
          EnumSet.of(
              Feature.TRIPLE_QUOTES,
              Feature.STRING_PREFIXES,
              Feature.ANNOTATIONS,
              Feature.CAPITALISED_TYPES,
              Feature.CALLS));

  private static final String JS_WORDS =
      "async await break case catch class const continue debugger default delete do else export"
          + " extends finally for from function if import in instanceof let new of return static"
          + " super switch this throw try typeof var void while with yield true false null"
          + " undefined NaN Infinity";

  static final CodeLanguage JAVASCRIPT =
      new CodeLanguage(
          "javascript",
          words(JS_WORDS),
          Set.of(),
          Set.of(),
          false,
          "//",
          true,
          EnumSet.of(
              Feature.TEMPLATE_LITERALS,
              Feature.REGEX_LITERALS,
              Feature.CAPITALISED_TYPES,
              Feature.CALLS,
              Feature.DOLLAR_IN_NAMES));

  static final CodeLanguage TYPESCRIPT =
      new CodeLanguage(
          "typescript",
          words(
              JS_WORDS
                  + " abstract as declare enum implements infer interface is keyof namespace"
                  + " private protected public readonly satisfies type"),
          words("any bigint boolean never number object string symbol unknown"),
          Set.of(),
          false,
          "//",
          true,
          EnumSet.of(
              Feature.TEMPLATE_LITERALS,
              Feature.REGEX_LITERALS,
              Feature.ANNOTATIONS,
              Feature.CAPITALISED_TYPES,
              Feature.CALLS,
              Feature.DOLLAR_IN_NAMES));

  static final CodeLanguage GO =
      new CodeLanguage(
          "go",
          words(
              "break case chan const continue default defer else fallthrough for func go goto"
                  + " if import interface map package range return select struct switch type"
                  + " var true false nil iota"),
          words(
              "any bool byte comparable complex64 complex128 error float32 float64 int int8"
                  + " int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr"),
          words(
              "append cap clear close copy delete len make max min new panic print println recover"),
          false,
          "//",
          true,
          EnumSet.of(Feature.RAW_BACKTICK_STRINGS, Feature.CALLS));

  static final CodeLanguage SQL =
      new CodeLanguage(
          "sql",
          words(
              "add all alter and any as asc begin between by case cascade check column commit"
                  + " constraint create cross database default delete desc distinct drop else end"
                  + " except exists explain false foreign from full grant group having if in"
                  + " index inner insert intersect into is join key left like limit not null"
                  + " offset on or order outer over partition primary references returning revoke"
                  + " right rollback select set table then to transaction true truncate union"
                  + " unique update using values view when where window with"),
          words(
              "bigint binary bit blob boolean bool char date datetime decimal double float int"
                  + " integer interval json jsonb numeric real serial smallint text time"
                  + " timestamp timestamptz uuid varchar"),
          Set.of(),
          true,
          "--",
          true,
          EnumSet.of(Feature.LITERAL_SINGLE_QUOTES, Feature.QUOTED_IDENTIFIERS, Feature.CALLS));

  static final CodeLanguage SHELL =
      new CodeLanguage(
          "shell",
          words("case do done elif else esac fi for function if in select then time until while"),
          Set.of(),
          words(
              "alias cd declare echo eval exec exit export local printf pwd read readonly return"
                  + " set shift source test trap unset"),
          false,
          "#",
          false,
          EnumSet.of(
              Feature.LITERAL_SINGLE_QUOTES,
              Feature.DOLLAR_VARIABLES,
              Feature.HEREDOCS,
              Feature.HASH_AT_WORD_START));

  static final CodeLanguage YAML =
      new CodeLanguage(
          "yaml",
          words("true false null yes no on off True False Null TRUE FALSE NULL ~"),
          Set.of(),
          Set.of(),
          false,
          "#",
          false,
          EnumSet.of(Feature.YAML));

  static final CodeLanguage JSON =
      new CodeLanguage(
          "json",
          words("true false null"),
          Set.of(),
          Set.of(),
          false,
          "//",
          true,
          EnumSet.of(Feature.OBJECT_KEYS));

  static final CodeLanguage C =
      new CodeLanguage(
          "c",
          words(
              "alignas alignof auto break case catch class const consteval constexpr constinit"
                  + " const_cast continue co_await co_return co_yield decltype default delete do"
                  + " dynamic_cast else enum explicit export extern false final for friend goto"
                  + " if inline mutable namespace new noexcept nullptr operator override private"
                  + " protected public register reinterpret_cast requires restrict return sizeof"
                  + " static static_assert static_cast struct switch template this thread_local"
                  + " throw true try typedef typeid typename union using virtual volatile while"
                  + " NULL"),
          words(
              "bool char char8_t char16_t char32_t double float int int8_t int16_t int32_t"
                  + " int64_t long short signed size_t ssize_t uint8_t uint16_t uint32_t uint64_t"
                  + " unsigned void wchar_t string vector map"),
          Set.of(),
          false,
          "//",
          true,
          EnumSet.of(Feature.PREPROCESSOR, Feature.CALLS));

  /** Every name a fence may give, lower-cased, to its language. */
  static final Map<String, CodeLanguage> ALIASES = new HashMap<>();

  static {
    alias(JAVA, "java");
    alias(PYTHON, "python", "py", "python3", "py3");
    alias(JAVASCRIPT, "javascript", "js", "jsx", "mjs", "cjs", "node");
    alias(TYPESCRIPT, "typescript", "ts", "tsx", "mts", "cts");
    alias(GO, "go", "golang");
    alias(SQL, "sql", "mysql", "postgresql", "postgres", "psql", "sqlite", "plsql", "tsql");
    alias(SHELL, "shell", "sh", "bash", "zsh", "ksh", "console", "shellscript");
    alias(YAML, "yaml", "yml");
    alias(JSON, "json", "jsonc", "json5");
    alias(C, "c", "h", "cpp", "c++", "cc", "cxx", "hpp", "hh", "hxx");
  }

  /** The language a fence names ({@link Markdown#language}'s result), if it is one we know. */
  static Optional<CodeLanguage> of(String name) {
    return Optional.ofNullable(ALIASES.get(name.toLowerCase(Locale.ROOT)));
  }

  boolean has(Feature feature) {
    return features.contains(feature);
  }

  boolean isKeyword(String word) {
    return keywords.contains(caseInsensitive ? word.toLowerCase(Locale.ROOT) : word);
  }

  boolean isType(String word) {
    return types.contains(caseInsensitive ? word.toLowerCase(Locale.ROOT) : word);
  }

  private static void alias(CodeLanguage language, String... names) {
    for (String name : names) {
      ALIASES.put(name, language);
    }
  }

  private static Set<String> words(String spaced) {
    return Set.of(spaced.split(" "));
  }
}
