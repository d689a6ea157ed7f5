//! Math, Mermaid and template tags in the preview follow what the site will render: each
//! generator's setup turns them on (config, a render hook, a plugin, a theme setting or the
//! post's front matter), and the real `hugo` agrees about the Mermaid render hook.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::generators::{hugo_build, our_html, write_all};
use common::inkstone;
use serde_json::Value;

const POST: &str =
    "Euler: $e^{i\\pi}+1=0$\n\n$$\n\\frac{a}{b}\n$$\n\n```mermaid\ngraph TD; A-->B\n```\n";

fn info(site: &Path) -> (bool, bool) {
    let v: Value = serde_json::from_str(&inkstone(site, &["info", "--json"])).unwrap();
    (
        v["math"].as_bool().unwrap(),
        v["mermaid"].as_bool().unwrap(),
    )
}

/// The blog's detected setup, and what `inkstone render` shows for the post.
fn case(files: &[(&str, &str)], post: &str) -> ((bool, bool), String) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    write_all(&site, files);
    (info(&site), our_html(&site, post))
}

/// What a case is called, its files, its post, and whether the site renders math and Mermaid.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, (bool, bool));

#[test]
fn each_generators_setup_turns_math_and_diagrams_on() {
    let hugo_post = format!("---\ntitle: P\n---\n{POST}");
    let hugo_math_post = format!("---\ntitle: P\nmath: true\n---\n{POST}");
    let jekyll_post = format!("---\ntitle: P\n---\n{POST}");
    let cases: Vec<Case> = vec![
        (
            "Hugo, nothing set up",
            vec![
                ("hugo.toml", "title = 'x'\n"),
                ("content/posts/p.md", &hugo_post),
            ],
            "content/posts/p.md",
            (false, false),
        ),
        (
            "Hugo, passthrough and a Mermaid render hook in the theme",
            vec![
                (
                    "hugo.toml",
                    "theme = 'paper'\n[markup.goldmark.extensions.passthrough]\nenable = true\n",
                ),
                (
                    "themes/paper/layouts/_default/_markup/render-codeblock-mermaid.html",
                    "<pre class=\"mermaid\">{{ .Inner }}</pre>",
                ),
                ("content/posts/p.md", &hugo_post),
            ],
            "content/posts/p.md",
            (true, true),
        ),
        (
            "Hugo, a post that asks for math (PaperMod's recipe)",
            vec![
                ("hugo.toml", "title = 'x'\n"),
                ("content/posts/p.md", &hugo_math_post),
            ],
            "content/posts/p.md",
            // The site does not; the post does (see the HTML below).
            (false, false),
        ),
        (
            "Jekyll, an include that loads KaTeX",
            vec![
                ("_config.yml", "title: x\n"),
                (
                    "_includes/head.html",
                    "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/katex/dist/katex.min.css\">",
                ),
                ("_posts/2024-01-02-p.md", &jekyll_post),
            ],
            "_posts/2024-01-02-p.md",
            (true, false),
        ),
        (
            "Hexo, a KaTeX renderer and NexT's mermaid setting",
            vec![
                ("_config.yml", "title: x\ntheme: next\n"),
                (
                    "package.json",
                    "{\"dependencies\": {\"hexo\": \"^7.0.0\", \"hexo-renderer-markdown-it-plus\": \"^1.0.6\"}}",
                ),
                ("_config.next.yml", "mermaid:\n  enable: true\n"),
                ("source/_posts/p.md", &jekyll_post),
            ],
            "source/_posts/p.md",
            (true, true),
        ),
        (
            "Hexo, hexo-filter-mathjax (it typesets the posts that ask)",
            vec![
                ("_config.yml", "title: x\n"),
                (
                    "package.json",
                    "{\"dependencies\": {\"hexo\": \"^7.0.0\", \"hexo-filter-mathjax\": \"^0.9.0\"}}",
                ),
                ("source/_posts/p.md", &jekyll_post),
            ],
            "source/_posts/p.md",
            (false, false),
        ),
        (
            "Hexo, NexT with math on some pages only",
            vec![
                ("_config.yml", "title: x\ntheme: next\n"),
                ("package.json", "{\"dependencies\": {\"hexo\": \"^7.0.0\"}}"),
                (
                    "themes/next/_config.yml",
                    "math:\n  every_page: false\n  mathjax:\n    enable: true\n",
                ),
                ("source/_posts/p.md", &jekyll_post),
            ],
            "source/_posts/p.md",
            (false, false),
        ),
    ];
    for (what, files, post, expected) in cases {
        let (detected, html) = case(&files, post);
        assert_eq!(detected, expected, "{what}");
        let math = detected.0 || what.contains("asks for math");
        assert_eq!(html.contains("<math"), math, "{what}: {html}");
        assert_eq!(
            html.contains("$$"),
            !math,
            "{what}: `$$` shows as typed only where no math is rendered: {html}"
        );
        assert_eq!(html.contains("data-mermaid"), detected.1, "{what}: {html}");
        // Whatever the site does not render carries a note saying so.
        assert_eq!(
            html.contains("site-note"),
            !math || !detected.1,
            "{what}: {html}"
        );
    }
}

/// A theme folder that leads outside the blog is not looked into for render hooks.
#[test]
fn a_hook_outside_the_blog_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    write_all(
        tmp.path(),
        &[(
            "outside/layouts/_default/_markup/render-codeblock-mermaid.html",
            "x",
        )],
    );
    let site = tmp.path().join("blog");
    write_all(
        &site,
        &[
            ("hugo.toml", "theme = '../../outside'\n"),
            ("content/posts/p.md", "---\ntitle: P\n---\nx\n"),
        ],
    );
    assert_eq!(info(&site), (false, false));
}

/// The real `hugo` draws a Mermaid block through the render hook when the site has one, and
/// leaves it code otherwise: exactly when Inkstone says the site draws it.
#[test]
fn hugo_draws_mermaid_exactly_when_inkstone_says_it_does() {
    for with_hook in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("blog");
        let mut files = vec![
            (
                "hugo.toml",
                "baseURL = 'https://example.org/'\ntitle = 'x'\n",
            ),
            ("layouts/_default/single.html", "{{ .Content }}"),
            ("layouts/_default/list.html", "{{ .Content }}"),
            (
                "content/posts/p.md",
                "---\ntitle: P\n---\n```mermaid\ngraph TD; A-->B\n```\n",
            ),
        ];
        if with_hook {
            files.push((
                "layouts/_default/_markup/render-codeblock-mermaid.html",
                "<pre class=\"mermaid\">{{ .Inner | htmlEscape }}</pre>",
            ));
        }
        write_all(&site, &files);
        let out = tmp.path().join("public");
        hugo_build(&site, &out);
        let built = std::fs::read_to_string(out.join("posts/p/index.html")).unwrap();
        let hugo_draws = built.contains("<pre class=\"mermaid\">");
        assert_eq!(hugo_draws, with_hook, "{built}");
        assert_eq!(info(&site).1, hugo_draws);
        let ours = our_html(&site, "content/posts/p.md");
        assert_eq!(ours.contains("data-mermaid"), hugo_draws, "{ours}");
    }
}

/// The HTML without its `title` attributes (a card's tooltip shows the tag as written).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(" title=\"") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 8..];
        rest = after.find('"').map_or("", |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out
}

/// Shortcodes, Liquid and Nunjucks tags never show as braces in the preview.
#[test]
fn template_tags_show_as_what_they_make() {
    let (_, hugo) = case(
        &[
            ("hugo.toml", "title = 'x'\n"),
            (
                "content/posts/p/index.md",
                "---\ntitle: P\n---\n{{< figure src=\"flow.png\" caption=\"流程\" >}}\n\nSee {{< youtube abc >}} and [b]({{< relref \"b.md\" >}}).\n",
            ),
            ("content/posts/p/flow.png", "png"),
        ],
        "content/posts/p/index.md",
    );
    assert!(!visible(&hugo).contains("{{"), "{hugo}");
    assert!(
        hugo.contains("<img src=\"inkstone://") || hugo.contains("flow.png"),
        "{hugo}"
    );
    assert!(
        hugo.contains("流程") && hugo.contains("youtube.com/watch?v=abc"),
        "{hugo}"
    );
    let (_, jekyll) = case(
        &[
            ("_config.yml", "title: x\nbaseurl: /blog\n"),
            (
                "_posts/2024-01-02-p.md",
                "---\ntitle: P\n---\n![arch]({{ '/assets/images/p/arch.png' | relative_url }})\n\n{% include note.html %}\n",
            ),
            ("assets/images/p/arch.png", "png"),
        ],
        "_posts/2024-01-02-p.md",
    );
    let text = visible(&jekyll);
    assert!(!text.contains("{{") && !text.contains("{%"), "{jekyll}");
    assert!(jekyll.contains("data-tpl=\"include\""), "{jekyll}");
}
