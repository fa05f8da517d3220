package bloghome.json;

/** A value that knows its JSON shape (maps, lists and scalars), so that no reflection is needed. */
public interface JsonValue {
  Object toJson();
}
