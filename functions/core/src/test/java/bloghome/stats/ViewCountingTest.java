package bloghome.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewCountingTest {

  @Test
  void chunks_keepStreamOrder_andFitCheckpointPostsAndAuthorsInTheLimit() {
    List<ViewMarker> markers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      markers.add(new ViewMarker("p_" + (i % 130), "a" + (i % 9), Integer.toString(100 + i)));
    }

    List<List<ViewMarker>> chunks = ViewCounting.chunks(markers, 100);

    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(markers);
    for (List<ViewMarker> chunk : chunks) {
      Set<String> posts = new HashSet<>();
      Set<String> authors = new HashSet<>();
      chunk.forEach(
          m -> {
            posts.add(m.postId());
            authors.add(m.authorId());
          });
      assertThat(1 + posts.size() + authors.size()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void chunks_ofOneHotPost_areOne() {
    List<ViewMarker> markers = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      markers.add(new ViewMarker("p_hot", "alice", Integer.toString(i + 1)));
    }

    assertThat(ViewCounting.chunks(markers, 100)).hasSize(1);
  }

  @Test
  void sequenceNumbers_padToFortyDigits_soThatStringOrderIsNumberOrder() {
    String small = SequenceNumbers.padded("999");
    String big = SequenceNumbers.padded("4421584500000000017450439091");

    assertThat(small).hasSize(40);
    assertThat(small.compareTo(big)).isNegative();
    assertThat(SequenceNumbers.padded("9".repeat(40))).isEqualTo("9".repeat(40));
  }

  @Test
  void markers_andSequenceNumbers_refuseWhatTheyCannotCount() {
    assertThatThrownBy(() -> new ViewMarker(null, "a", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ViewMarker("p", " ", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String bad : List.of("", "12a", "-1", "1".repeat(41), "１２")) {
      assertThatThrownBy(() -> SequenceNumbers.padded(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
