package bloghome.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void parse_givesTheDocumentedDefaults_withoutFlags() {
    Options options = Options.parse(new String[0]);

    assertThat(options.coldSamples()).isEqualTo(10);
    assertThat(options.warmCalls()).isEqualTo(1000);
    assertThat(options.warmupCalls()).isEqualTo(100);
    assertThat(options.aot()).isTrue();
    assertThat(options.viewsClients()).containsExactly(1, 8, 32);
    assertThat(options.viewsMaxTime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.sections()).isEqualTo(Options.ALL_SECTIONS);
  }

  @Test
  void parse_readsSampleCountsSectionsAndSkippedFunctions() {
    Options options =
        Options.parse(
            new String[] {
              "--cold-samples",
              "12",
              "--warm-calls",
              "2000",
              "--no-aot",
              "--only",
              "cold,views",
              "--skip",
              "SkinsFunction,StatsFunction",
              "--views-clients",
              "2,4"
            });

    assertThat(options.coldSamples()).isEqualTo(12);
    assertThat(options.warmCalls()).isEqualTo(2000);
    assertThat(options.aot()).isFalse();
    assertThat(options.sections()).isEqualTo(Set.of("cold", "views"));
    assertThat(options.skipFunctions()).isEqualTo(Set.of("SkinsFunction", "StatsFunction"));
    assertThat(options.viewsClients()).isEqualTo(List.of(2, 4));
  }

  @Test
  void parse_refusesUnknownFlagsSectionsAndCountsBelowOne() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--colds", "3"}))
        .hasMessageContaining("unknown flag --colds");
    assertThatThrownBy(() -> Options.parse(new String[] {"--only", "warm,speed"}))
        .hasMessageContaining("unknown section 'speed'");
    assertThatThrownBy(() -> Options.parse(new String[] {"--cold-samples", "0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Options.parse(new String[] {"--warm-calls", "many"}))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> Options.parse(new String[] {"--warm-calls"}))
        .hasMessageContaining("needs a value");
  }

  @Test
  void hotPostFlags_setTheHotSection_andDefaultToTwoThousandViewsAtAHundredWritesPerItem() {
    Options defaults = Options.parse(new String[0]);
    Options hot =
        Options.parse(
            new String[] {
              "--only", "hot", "--hot-views", "800", "--hot-clients", "4", "--hot-item-limit", "10"
            });

    assertThat(defaults.hotViews()).isEqualTo(800);
    assertThat(defaults.hotClients()).isEqualTo(16);
    assertThat(defaults.hotItemLimit()).isEqualTo(10);
    assertThat(hot.sections()).isEqualTo(Set.of("hot"));
    assertThat(hot.hotViews()).isEqualTo(800);
    assertThat(hot.hotClients()).isEqualTo(4);
    assertThat(hot.hotItemLimit()).isEqualTo(10);
  }

  @Test
  void coldVariant_readsLabelFunctionsJvmOptionsEnvironmentAndJarDirectory_andRefusesUnknownKeys() {
    Options options =
        Options.parse(
            new String[] {
              "--cold-variant",
                  "serial;fns=ListingFunction,StatsFunction;jvm=-XX:+UseSerialGC -Xss512k;env=A=b=c;jars=/tmp/v",
              "--cold-variant", "plain"
            });

    Options.ColdVariant serial = options.coldVariants().getFirst();
    assertThat(serial.label()).isEqualTo("serial");
    assertThat(serial.functions()).containsExactlyInAnyOrder("ListingFunction", "StatsFunction");
    assertThat(serial.jvm()).containsExactly("-XX:+UseSerialGC", "-Xss512k");
    assertThat(serial.env()).containsEntry("A", "b=c");
    assertThat(serial.jarDir()).hasToString("/tmp/v");
    assertThat(serial.covers("PageFunction")).isFalse();
    assertThat(options.coldVariants().get(1).covers("PageFunction")).isTrue();
    assertThatThrownBy(() -> Options.parse(new String[] {"--cold-variant", "x;speed=1"}))
        .hasMessageContaining("unknown key");
    assertThatThrownBy(() -> Options.parse(new String[] {"--cold-variant", "jvm=-X"}))
        .hasMessageContaining("label");
  }
}
