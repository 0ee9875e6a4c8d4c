package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.InProcessHub;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's Markdown renderer and date labels, run in the real browser on inputs whose DOM we know
 * exactly (what the renderer builds, serialised by the browser): formatting works, and no markup,
 * handler or non-http(s) link can come out of a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkdownRenderingTest {
    private static final String LINK_ATTRIBUTES = "target=\"_blank\" rel=\"noopener noreferrer nofollow\" class=\"md-link\"";

    private InProcessHub hub;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = InProcessHub.start(dir);
        browser = Browser.start(800, 600);
        browser.open("http://127.0.0.1:" + hub.port() + "/chat");
    }

    @AfterAll
    void stop() {
        browser.close();
        hub.close();
    }

    private String render(String markdown, String me) {
        return (String) browser.asyncScript("const [text, me, done] = arguments;"
                + "import('/chat/markdown.js').then(m => {"
                + "  const box = document.createElement('div');"
                + "  box.appendChild(m.renderMarkdown(text, {me}));"
                + "  done(box.innerHTML);"
                + "}).catch(e => done('ERROR ' + e));", markdown, me);
    }

    @Test
    void renders_emphasis_code_links_lists_and_quotes() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("**bold** and __bold__", "<p><strong>bold</strong> and <strong>bold</strong></p>");
        cases.put("*it* and _it_", "<p><em>it</em> and <em>it</em></p>");
        cases.put("***both***", "<p><strong><em>both</em></strong></p>");
        cases.put("~~gone~~", "<p><del>gone</del></p>");
        cases.put("snake_case_name and 2 * 3 * 4", "<p>snake_case_name and 2 * 3 * 4</p>");
        cases.put("**unclosed and *half", "<p>**unclosed and *half</p>");
        cases.put("\\*not italic\\*", "<p>*not italic*</p>");
        cases.put("use `a < b` here", "<p>use <code class=\"md-code\">a &lt; b</code> here</p>");
        cases.put("``code with ` tick``", "<p><code class=\"md-code\">code with ` tick</code></p>");
        cases.put("```js\nif (a < b) {\n  go();\n}\n```",
                "<pre class=\"md-code-block\" data-lang=\"js\"><code>if (a &lt; b) {\n  go();\n}</code></pre>");
        cases.put("```\nunclosed fence", "<pre class=\"md-code-block\"><code>unclosed fence</code></pre>");
        cases.put("line one\nline two", "<p>line one<br>line two</p>");
        cases.put("para one\n\npara two", "<p>para one</p><p>para two</p>");
        cases.put("- one\n- **two**", "<ul class=\"md-list\"><li>one</li><li><strong>two</strong></li></ul>");
        cases.put("3. three\n4. four", "<ol class=\"md-list\" start=\"3\"><li>three</li><li>four</li></ol>");
        cases.put("> quoted *text*", "<blockquote class=\"md-quote\">quoted <em>text</em></blockquote>");
        cases.put("## Heading", "<p class=\"md-heading\">Heading</p>");
        cases.put("see https://example.org/a_(b). ok",
                "<p>see <a href=\"https://example.org/a_(b)\" " + LINK_ATTRIBUTES + ">https://example.org/a_(b)</a>. ok</p>");
        cases.put("(https://example.org/x)",
                "<p>(<a href=\"https://example.org/x\" " + LINK_ATTRIBUTES + ">https://example.org/x</a>)</p>");
        cases.put("[the **docs**](https://example.org/docs?a=1&b=2)",
                "<p><a href=\"https://example.org/docs?a=1&amp;b=2\" " + LINK_ATTRIBUTES + ">the <strong>docs</strong></a></p>");
        cases.put("hi @bob and @alice.", "<p>hi <span class=\"mention\">@bob</span> and <span class=\"mention mention-self\">"
                + "@alice</span>.</p>");
        cases.forEach((markdown, html) -> assertThat(render(markdown, "alice")).as(markdown).isEqualTo(html));
    }

    @Test
    void html_and_script_in_a_message_stay_text() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        cases.put("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
        cases.put("**<b onclick=alert(1)>x</b>**", "<p><strong>&lt;b onclick=alert(1)&gt;x&lt;/b&gt;</strong></p>");
        cases.put("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>");
        cases.put("[click](javascript:alert)", "<p>[click](javascript:alert)</p>");
        cases.put("[click](data:text/html,<script>x</script>)", "<p>[click](data:text/html,&lt;script&gt;x&lt;/script&gt;)</p>");
        cases.put("[click](//evil.example/x)", "<p>[click](//evil.example/x)</p>");
        cases.put("javascript:alert(1)", "<p>javascript:alert(1)</p>");
        cases.put("https://x.example/\"onmouseover=\"alert(1)",
                "<p><a href=\"https://x.example/\" " + LINK_ATTRIBUTES + ">https://x.example/</a>\"onmouseover=\"alert(1)</p>");
        cases.put("```\n</code></pre><script>alert(1)</script>\n```",
                "<pre class=\"md-code-block\"><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>");
        cases.put("```\"><img src=x>\nx\n```", "<p>```\"&gt;&lt;img src=x&gt;<br>x</p><pre class=\"md-code-block\"><code></code></pre>");
        cases.forEach((markdown, html) -> assertThat(render(markdown, "alice")).as(markdown).isEqualTo(html));
    }

    @Test
    void long_adversarial_input_renders_quickly() {
        String nasty = "**a ".repeat(4000) + "`" + "_b [x](".repeat(3000) + "~~c ".repeat(2000);
        long started = System.nanoTime();
        assertThat(render(nasty, "alice")).startsWith("<p>");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3000);
    }

    @Test
    void date_separators_say_today_yesterday_or_the_full_date() {
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.asyncScript("const done = arguments[0];"
                + "import('/chat/format.js').then(f => {"
                + "  const now = new Date(2026, 2, 10, 9, 30);"
                + "  done([f.dayLabel(new Date(2026, 2, 10, 0, 5), now), f.dayLabel(new Date(2026, 2, 9, 23, 59), now),"
                + "        f.dayLabel(new Date(2026, 2, 3, 12, 0), now)]);"
                + "});");
        assertThat(labels.get(0)).isEqualTo("Today");
        assertThat(labels.get(1)).isEqualTo("Yesterday");
        assertThat(labels.get(2)).contains("2026", "March", "3", "Tuesday");
    }
}
