//! Any Markdown renders without panicking, under every generator's rules, and what comes out
//! for the preview carries no script.
#![no_main]

use inkstone_render::{Counting, RenderOptions, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (counting, cjk, flag) in [
        (Counting::Hugo, false, true),
        (Counting::Hugo, true, false),
        (Counting::Jekyll, true, true),
        (Counting::Hexo, false, false),
        (Counting::Plain, true, true),
    ] {
        let options = RenderOptions {
            counting,
            cjk,
            typographer: flag,
            raw_html_is_content: flag,
            line_offset: 3,
            images: None,
            image_base: Some("inkstone://localhost/"),
        };
        let out = render(text, &options);
        let html = out.html.to_ascii_lowercase();
        assert!(!html.contains("<script"), "script survived: {}", out.html);
        assert!(
            !html.contains("javascript:"),
            "script URL survived: {}",
            out.html
        );
    }
});
