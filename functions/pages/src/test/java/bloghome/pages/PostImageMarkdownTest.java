package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostImageMarkdownTest {
  private static final String ID = "im_AAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void ourImage_getsEveryCopyInSrcset_theWidestCopysSize_lazyAndAsync() {
    Markdown markdown = new Markdown("/");
    String src = "/media/alice/" + ID + "/1600x1200/1600.jpg";

    String html = markdown.toHtml("![a cat](" + src + ")");

    String dir = "/media/alice/" + ID + "/1600x1200/";
    assertThat(html)
        .contains("src=\"" + src + "\"")
        .contains(
            "srcset=\""
                + dir
                + "480.jpg 480w, "
                + dir
                + "960.jpg 960w, "
                + dir
                + "1600.jpg 1600w\"")
        .contains("sizes=\"(max-width: 800px) 100vw, 860px\"")
        .contains("width=\"1600\"")
        .contains("height=\"1200\"")
        .contains("loading=\"lazy\"")
        .contains("decoding=\"async\"")
        .contains("alt=\"a cat\"");
  }

  @Test
  void aNarrowImage_listsOnlyTheCopiesItHas() {
    String html = new Markdown("/").toHtml("![x](/media/bob/" + ID + "/700x300/700.png)");

    assertThat(html)
        .contains(
            "srcset=\"/media/bob/"
                + ID
                + "/700x300/480.png 480w, /media/bob/"
                + ID
                + "/700x300/700.png 700w\"")
        .contains("width=\"700\"")
        .contains("height=\"300\"");
  }

  @Test
  void ourImage_onAnotherMediaOrigin_staysAnImage_whileOtherSitesImagesBecomeLinks() {
    Markdown markdown = new Markdown("http://127.0.0.1:3000/_local/media");
    String ours = "http://127.0.0.1:3000/_local/media/media/alice/" + ID + "/480x360/480.jpg";

    assertThat(markdown.toHtml("![ours](" + ours + ")"))
        .contains("<img src=\"" + ours + "\"")
        .contains("width=\"480\"");
    assertThat(
            markdown.toHtml(
                "![theirs](https://example.com/media/alice/" + ID + "/480x360/480.jpg)"))
        .doesNotContain("<img")
        .contains("<a href=\"https://example.com/");
  }

  @Test
  void lookalikes_areNotOurs_andGetNoSrcset() {
    Markdown markdown = new Markdown("/");
    for (String src :
        new String[] {
          "/media/alice/" + ID + "/1600x1200/1600.gif",
          "/media/alice/" + ID + "/1600x1200/333.jpg",
          "/media/alice/not-an-id/1600x1200/1600.jpg",
          "/media/alice/" + ID + "/3000x2000/3000.jpg",
          "/media/alice/" + ID + "/1600x1200/1600.jpg?x=1",
          "/media/" + ID + "/1600x1200/1600.jpg"
        }) {
      assertThat(markdown.toHtml("![x](" + src + ")")).as(src).doesNotContain("srcset");
    }
  }
}
