package bloghome.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one fault-run client thread was told by acknowledged answers, so that the stored state at
 * the end can be predicted exactly: each thread owns its reader, its posts to edit and delete and
 * its uploads.
 */
final class ClientLedger {

  final int index;
  final String reader;

  /** "like:post", "favorite:post" or "follow:author" to the last acknowledged choice. */
  final Map<String, Boolean> reactions = new LinkedHashMap<>();

  final List<String> myPosts = new ArrayList<>();
  final Set<String> deleted = ConcurrentHashMap.newKeySet();

  /** The last acknowledged title of each edited post. */
  final Map<String, String> titles = new HashMap<>();

  /** The acknowledged comment ids, by post. */
  final Map<String, List<String>> comments = new HashMap<>();

  /** Views answered as counted, by post. */
  final Map<String, Integer> countedViews = new HashMap<>();

  final List<String> uploads = new ArrayList<>();

  ClientLedger(int index) {
    this.index = index;
    this.reader = "reader" + index;
  }

  /** The VIP user who uploads this thread's skin images. */
  String uploader() {
    return "vip" + index;
  }
}
