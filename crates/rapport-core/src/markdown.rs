//! Markdown to safe HTML, in Rust: the page never renders Markdown or sees raw HTML from a note.

use pulldown_cmark::{html, Options, Parser};

/// Renders an entry's Markdown to HTML with everything dangerous removed (scripts, event
/// handlers, styles, iframes, remote-loading attributes). Raw HTML in the note is escaped by the
/// parser's output being cleaned by ammonia's allow-list; links are kept but made inert for the
/// app (`rel="noopener noreferrer"`, no `target`).
pub fn render_markdown(text: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_TASKLISTS);
    let parser = Parser::new_ext(text, options);
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
            let html = render_markdown(payload);
            for bad in [
                "<script",
                "onerror",
                "<img",
                "javascript:",
                "<iframe",
                "style=",
                "onclick",
            ] {
                assert!(!html.to_lowercase().contains(bad), "{payload} -> {html}");
            }
        }
    }

    #[test]
    fn links_are_kept_but_inert() {
        let html = render_markdown("[docs](https://example.com)");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }
}
