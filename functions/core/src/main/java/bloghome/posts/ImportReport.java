package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What an import did with each post, in request order. */
public record ImportReport(List<Result> results) implements JsonValue {

  public ImportReport {
    results = List.copyOf(results);
  }

  public enum Status {
    CREATED,
    UPDATED,
    REJECTED
  }

  /** One post's outcome: its postId when stored, the reason when rejected. */
  public record Result(
      int index,
      Optional<String> sourceId,
      Status status,
      Optional<String> postId,
      Optional<Problem> reason)
      implements JsonValue {

    static Result stored(int index, String sourceId, Status status, String postId) {
      return new Result(
          index, Optional.of(sourceId), status, Optional.of(postId), Optional.empty());
    }

    static Result rejected(int index, Optional<String> sourceId, Problem reason) {
      return new Result(index, sourceId, Status.REJECTED, Optional.empty(), Optional.of(reason));
    }

    @Override
    public Object toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", index);
      sourceId.ifPresent(id -> m.put("sourceId", id));
      m.put("status", status.name().toLowerCase(Locale.ROOT));
      postId.ifPresent(id -> m.put("postId", id));
      reason.ifPresent(
          p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", p.code());
            error.put("message", p.getMessage());
            if (p.field() != null) {
              error.put("field", p.field());
            }
            m.put("error", error);
          });
      return m;
    }
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  @Override
  public Object toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", count(Status.CREATED));
    m.put("updated", count(Status.UPDATED));
    m.put("rejected", count(Status.REJECTED));
    m.put("results", results);
    return m;
  }
}
