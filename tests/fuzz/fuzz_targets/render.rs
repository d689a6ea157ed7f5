//! Any Markdown renders without panicking, under every generator's rules, and what comes out
//! for the preview carries no script. The incremental preview, brought from the input with a
//! part cut out to the whole input (an edit), equals a whole-page render of it.
#![no_main]

use inkstone_render::{Counting, Flavor, HeadingIdStyle, RenderOptions, render};
use libfuzzer_sys::fuzz_target;

include!("../flavours.rs");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (counting, flavor, cjk, flag) in fuzz_flavours() {
        let options = RenderOptions {
            counting,
            flavor,
            cjk,
            typographer: flag,
            raw_html_is_content: flag,
            line_offset: 3,
            images: None,
            image_base: Some("inkstone://localhost/"),
            base_path: Some("/blog/"),
        };
        let out = render(text, &options);
        // Block by block through the cache (twice: the second from it) equals one pass.
        let whole = inkstone_render::render_whole(text, &options);
        assert_eq!(out.html, whole.html, "block-wise HTML differs");
        assert_eq!(
            render(text, &options).html,
            whole.html,
            "cached HTML differs"
        );
        // An edit: from the text without a slice of it (at a place the input picks) to the text.
        let mut inc = inkstone_render::Incremental::new();
        let at = usize::from(data.first().copied().unwrap_or(0)) * text.len() / 256;
        let len = usize::from(data.last().copied().unwrap_or(0) % 16);
        if let (Some(head), Some(tail)) = (text.get(..at), text.get((at + len).min(text.len())..))
        {
            inc.update(&format!("{head}{tail}"), &options);
            inc.update(text, &options);
            let page = inc.page(&options).expect("rendered");
            assert_eq!(page.html, whole.html, "incremental HTML differs");
            assert_eq!(page.words, whole.words, "incremental word count differs");
            assert_eq!(page.toc, whole.toc, "incremental outline differs");
        }
        let html = out.html.to_ascii_lowercase();
        assert!(!html.contains("<script"), "script survived: {}", out.html);
        for url in urls(&html) {
            let url: String = url
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            assert!(
                !url.starts_with("javascript:")
                    && !url.starts_with("vbscript:")
                    && !url.starts_with("data:text/html"),
                "script URL survived: {}",
                out.html
            );
        }
    }
});

/// Values of URL attributes (the sanitizer always writes them double-quoted).
fn urls(html: &str) -> impl Iterator<Item = &str> {
    [
        "href=\"",
        "src=\"",
        "action=\"",
        "formaction=\"",
        "srcset=\"",
    ]
    .into_iter()
    .flat_map(move |attr| {
        html.match_indices(attr).filter_map(move |(i, _)| {
            // Inside a tag only: text may say `href="…"` (its `<` is escaped, `"` is not).
            let before = &html[..i];
            if before.rfind('<') <= before.rfind('>') {
                return None;
            }
            let rest = &html[i + attr.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
    })
}
