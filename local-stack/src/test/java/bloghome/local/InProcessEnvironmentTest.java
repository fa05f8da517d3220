package bloghome.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessEnvironmentTest {

  @Test
  void add_acceptsFunctionsThatAgree_andNamesEachFunctionDifferently() {
    InProcessEnvironment environment = new InProcessEnvironment();
    environment.add(Map.of("TABLE_NAME", "blog", "AWS_LAMBDA_FUNCTION_NAME", "listing"));

    assertThatCode(
            () ->
                environment.add(Map.of("TABLE_NAME", "blog", "AWS_LAMBDA_FUNCTION_NAME", "stats")))
        .doesNotThrowAnyException();
  }

  @Test
  void add_refusesASecondValueForOneName_namingBoth() {
    InProcessEnvironment environment = new InProcessEnvironment();
    environment.add(Map.of("TABLE_NAME", "blog"));

    assertThatThrownBy(() -> environment.add(Map.of("TABLE_NAME", "other")))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("TABLE_NAME (blog vs other)");
  }
}
