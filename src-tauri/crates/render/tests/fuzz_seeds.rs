//! Every input the fuzzer once failed on (`tests/fuzz/seeds/render/`) renders block by block
//! exactly as in one pass, under every generator's rules the fuzz target checks, and so does
//! the incremental preview after the edit the fuzz target makes of it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_render::{
    Counting, Flavor, HeadingIdStyle, Incremental, RenderOptions, render, render_whole,
};

include!("../../../../tests/fuzz/flavours.rs");

#[test]
fn inputs_the_fuzzer_found_render_the_same_block_by_block() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fuzz/seeds/render");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
            continue;
        };
        seen += 1;
        let data = text.as_bytes();
        for (i, (counting, flavor, cjk, flag)) in fuzz_flavours().into_iter().enumerate() {
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
            let whole = render_whole(&text, &options);
            let out = render(&text, &options);
            if out.html != whole.html {
                let at = out
                    .html
                    .char_indices()
                    .zip(whole.html.chars())
                    .find(|((_, a), b)| a != b)
                    .map_or(out.html.len().min(whole.html.len()), |((i, _), _)| i);
                let from = out.html.floor_char_boundary(at.saturating_sub(300));
                panic!(
                    "{} (flavor {i}) differs at {at}:\nblock-wise: {:?}\nwhole:      {:?}",
                    path.display(),
                    &out.html[from..out.html.ceil_char_boundary((at + 200).min(out.html.len()))],
                    &whole.html[whole.html.floor_char_boundary(from.min(whole.html.len()))
                        ..whole
                            .html
                            .ceil_char_boundary((at + 200).min(whole.html.len()))]
                );
            }
            // The fuzz target's edit: a slice cut out at a place the input picks, put back.
            let at = usize::from(data.first().copied().unwrap_or(0)) * text.len() / 256;
            let len = usize::from(data.last().copied().unwrap_or(0) % 16);
            if let (Some(head), Some(tail)) =
                (text.get(..at), text.get((at + len).min(text.len())..))
            {
                let mut inc = Incremental::new();
                inc.update(&format!("{head}{tail}"), &options);
                inc.update(&text, &options);
                let page = inc.page(&options).expect("rendered");
                assert_eq!(
                    page.html,
                    whole.html,
                    "{} (flavor {i}): incremental HTML differs",
                    path.display()
                );
                assert_eq!(page.words, whole.words, "{}", path.display());
                assert_eq!(page.toc, whole.toc, "{}", path.display());
            }
        }
    }
    assert!(seen >= 5, "seeds read: {seen}");
}
