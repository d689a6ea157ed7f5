// The generators' rules the render fuzz target checks every input under, shared with the
// replay of its seeds (`src-tauri/crates/render/tests/fuzz_seeds.rs`) through `include!`:
// (whose word counting, which Markdown flavour, CJK text, typographer and raw HTML as content).
// Needs `Counting`, `Flavor` and `HeadingIdStyle` in scope.

fn fuzz_flavours() -> Vec<(Counting, Flavor, bool, bool)> {
    let ascii = Flavor {
        heading_ids: HeadingIdStyle::GithubAscii,
        ..Flavor::hugo()
    };
    let blackfriday = Flavor {
        heading_ids: HeadingIdStyle::Blackfriday,
        linkify: false,
        ..Flavor::hugo()
    };
    // A site that typesets math in every syntax and draws Mermaid.
    let math = Flavor {
        math: true,
        math_inline_dollar: true,
        math_parens: true,
        mermaid: true,
        ..Flavor::hugo()
    };
    let kramdown_math = Flavor {
        math: true,
        ..Flavor::kramdown()
    };
    vec![
        (Counting::Hugo, Flavor::hugo(), false, true),
        (Counting::Hugo, math, false, false),
        (Counting::Hugo, ascii, true, false),
        (Counting::Hugo, blackfriday, true, true),
        (Counting::Jekyll, kramdown_math, true, true),
        (Counting::Hexo, Flavor::hexo(), false, false),
        (Counting::Plain, Flavor::gfm(), true, true),
    ]
}
