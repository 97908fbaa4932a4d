//! Markdown to safe HTML, in Rust: the page never renders Markdown or sees raw HTML from a note.

use pulldown_cmark::{html, Event, Options, Parser};

/// Renders an entry's Markdown to HTML with everything dangerous removed. Raw HTML written in a
/// note is shown as the text it is (a note is not a web page), and ammonia's allow-list then
/// cleans what Markdown produced: no scripts, handlers, styles, iframes or images; links keep
/// `rel="noopener noreferrer"`.
pub fn render_markdown(text: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_TASKLISTS);
    let parser = Parser::new_ext(text, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        // Images would be fetched: the app opens no network connection, ever.
        .rm_tags(["img"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render_markdown;

    /// The names of the tags that are really in `html` (escaped ones are text).
    fn live_tags(html: &str) -> Vec<String> {
        html.split('<')
            .skip(1)
            .map(|rest| {
                rest.trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn renders_common_markdown() {
        let html = render_markdown("# Title\n\n- *one*\n- **two**\n\n`code` ~~gone~~");
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<em>one</em>"));
        assert!(html.contains("<strong>two</strong>"));
        assert!(html.contains("<code>code</code>"));
        assert!(html.contains("<del>gone</del>"));
    }

    #[test]
    fn strips_scripts_handlers_and_images() {
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "![x](https://example.com/x.png)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[x](javascript:alert(1))",
            "<iframe src=\"https://example.com\"></iframe>",
            "<div style=\"background:url(https://example.com)\" onclick=\"x()\">hi</div>",
        ] {
            let html = render_markdown(payload).to_lowercase();
            // Raw HTML comes out escaped, as text: the only live tags are Markdown's own.
            let tags = live_tags(&html);
            assert!(
                tags.iter().all(|t| ["p", "a"].contains(&t.as_str())),
                "{payload} -> {html}"
            );
            assert!(
                !html.contains("<a href=\"javascript"),
                "{payload} -> {html}"
            );
        }
    }

    #[test]
    fn raw_html_in_a_note_reads_as_text() {
        let html = render_markdown("<img src=x onerror=alert(1)>");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        let html = render_markdown("a <b>bold</b> claim");
        assert!(html.contains("a &lt;b&gt;bold&lt;/b&gt; claim"), "{html}");
    }

    #[test]
    fn links_are_kept_but_inert() {
        let html = render_markdown("[docs](https://example.com)");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }
}
