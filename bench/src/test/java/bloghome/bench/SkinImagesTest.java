package bloghome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SkinImagesTest {

  @Test
  void headerCases_sitExactlyAtTheLimitAndOneBytePastIt() {
    assertThat(SkinImages.header2MiB().bytes()).hasSize(2 * 1024 * 1024);
    assertThat(SkinImages.header2MiBPlusOne().bytes()).hasSize(2 * 1024 * 1024 + 1);
    assertThat(SkinImages.header2MiB().slot().maxBytes()).isEqualTo(2L * 1024 * 1024);
  }

  @Test
  void column_isAboutAKilobyte_atTheSlotsExactSize() {
    byte[] png = SkinImages.column().bytes();

    assertThat(png.length).isBetween(200, 2048);
    assertThat(ByteBuffer.wrap(png, 16, 8).getInt()).isEqualTo(300);
    assertThat(ByteBuffer.wrap(png, 20, 4).getInt()).isEqualTo(38);
  }

  @Test
  void bomb_declaresAHugeCanvas_inAFewKilobytes() {
    byte[] png = SkinImages.bomb().bytes();

    assertThat(png.length).isLessThan(64 * 1024);
    assertThat(ByteBuffer.wrap(png, 16, 4).getInt()).isEqualTo(50_000);
    assertThat(ByteBuffer.wrap(png, 20, 4).getInt()).isEqualTo(50_000);
  }
}
