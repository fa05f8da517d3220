package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A followers-only post on its page, in headless Chromium against the whole local system: the page
 * is the same for everyone; signed in, a follower reads the post and its comments (through the JWT
 * routes) and comments; a reader who does not follow keeps the message.
 */
class FollowersPostBrowserIT {
  @RegisterExtension static final Browser browser = Browser.chromium();

  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static String postId;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("followers", port, 0, 0, List.of(base)));
    http = new Http(system.apiUrl());
    String alice = system.tokens().mint("alice", List.of(), Duration.ofMinutes(30));
    String bob = system.tokens().mint("bob", List.of(), Duration.ofMinutes(30));
    assertThat(http.send("PUT", "/users/alice", alice, Map.of("displayName", "Alice")).status())
        .isEqualTo(200);
    Http.Reply created =
        http.send(
            "POST",
            "/users/alice/posts",
            alice,
            Map.of(
                "type",
                "original",
                "title",
                "只给粉丝 <看>",
                "content",
                "## 小节\n\n粉丝才能读到的**正文**。",
                "visibility",
                "followers"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    postId = (String) created.json().get("postId");
    assertThat(http.send("PUT", "/users/alice/follow", bob, null).status()).isEqualTo(200);
    assertThat(
            http.send(
                    "POST", "/posts/" + postId + "/comments", bob, Map.of("body", "第一条 <b>评论</b>"))
                .status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aFollower_readsThePostAndItsComments_andComments_othersKeepTheMessage() {
    HostedSignIn signIn = new HostedSignIn(browser, base, system.hostedUi().url());
    String page = "/p/" + postId + "?lang=zh-CN";

    // signed out: the message, no post
    browser.open(base + page);
    assertThat(browser.find("#fp-title").getText()).isEqualTo("粉丝可见");
    assertThat(browser.text()).doesNotContain("粉丝才能读到");

    // a follower: the post rendered, the comment, and a new one
    signIn.signIn("bob", false, page);
    browser.waitForText("粉丝才能读到的正文");
    assertThat(browser.find("#fp-title").getText()).isEqualTo("只给粉丝 <看>");
    assertThat(browser.find("#fp-content h2").getText()).isEqualTo("小节");
    browser.waitForText("第一条 <b>评论</b>");
    browser.type("#fp-form textarea", "粉丝的第二条");
    browser.clickText("发表评论");
    browser.waitForText("粉丝的第二条");
    assertThat(browser.findAll("#fp-list li")).hasSize(2);
    // nothing failed but the page's own 403 (the shell is the followers-only answer to everyone)
    assertThat(browser.consoleErrors())
        .allMatch(e -> e.startsWith(base + page) && e.contains("status of 403"), "the page's 403");

    // someone who does not follow: told to follow, nothing of the post
    signIn.signIn("carol", false, page);
    browser.waitForText("你还没有关注作者");
    assertThat(browser.text()).doesNotContain("粉丝才能读到", "第一条");
  }
}
