//! The generators' Markdown, against the real `hugo` and `jekyll` over generated inputs:
//! heading ids, the typographer, footnotes and bare URLs (`tests/compat/`, `make test`
//! installs both).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::generators::{compare, dump, hugo_pages, our_html, their_html, write_all};

/// The `id`s of the headings in rendered HTML, in order (`None` for a heading without one).
fn heading_ids(html: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        if !rest.starts_with(|c: char| ('1'..='6').contains(&c)) {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        out.push(
            tag.find(" id=\"")
                .map(|s| &tag[s + 5..])
                .and_then(|v| v.find('"').map(|e| v[..e].to_string())),
        );
    }
    out
}

/// The text of a heading made of pieces picked by a fixed-seed generator: every class of
/// character the id rules treat differently (letters of several scripts, decimal and other
/// numbers, letter numbers, marks, punctuation ASCII and CJK, symbols, emoji, spaces of
/// several kinds), inline code, emphasis, links, entities, and repeats for the duplicates.
fn generated_headings(n: usize, seed: u64) -> Vec<String> {
    const PIECES: &[&str] = &[
        "安装",
        "调度器",
        "控制器",
        "Go",
        "eBPF",
        "TCP",
        "k8s",
        "café",
        "naïve",
        "Ünï",
        "ΣΑΣ",
        "İstanbul",
        "Straße",
        "Ωmega",
        "हिन्दी",
        "한국어",
        "カタカナ",
        "ｆｕｌｌ",
        "１２３",
        "123",
        "1.21",
        "v1.27",
        "①",
        "Ⅱ",
        "〇",
        "²",
        "½",
        "٣",
        "x_y",
        "a-b",
        "--",
        "---",
        "...",
        "(x)",
        "：",
        "，",
        "。",
        "、",
        "「引用」",
        "《书》",
        "&",
        "&amp;",
        "&lt;T&gt;",
        "+",
        "#",
        "C#",
        "C++",
        "`code`",
        "`a<b>`",
        "*em*",
        "**strong**",
        "[link](https://go.dev)",
        "🚀",
        "✅",
        "©",
        "~",
        "e\u{301}",
        "\u{3000}",
        "\u{a0}",
        "_",
        "'s",
        "\"q\"",
        "!",
        "?",
        "@",
        "|",
    ];
    let mut state = seed;
    let mut next = move |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m
    };
    let mut out: Vec<String> = Vec::new();
    for i in 0..n {
        // Every fifth heading repeats an earlier one (duplicates), or one with ` 1` added.
        if i > 4 && next(5) == 0 {
            let earlier = out[next(out.len())].clone();
            out.push(if next(2) == 0 {
                earlier
            } else {
                format!("{earlier} 1")
            });
            continue;
        }
        let parts = 1 + next(4);
        let text: Vec<&str> = (0..parts).map(|_| PIECES[next(PIECES.len())]).collect();
        let sep = [" ", " ", "", "-"][next(4)];
        out.push(text.join(sep));
    }
    out
}

/// A post of headings (and a paragraph after each, so every heading is its own block).
fn heading_post(front: &str, headings: &[String]) -> String {
    let mut post = format!("{front}\n");
    for h in headings {
        post.push_str(&format!("## {h}\n\nText.\n\n"));
    }
    post
}

fn assert_same_ids(generator: &str, theirs: &str, ours: &str, headings: &[String]) {
    let (t, o) = (heading_ids(theirs), heading_ids(ours));
    assert_eq!(
        t.len(),
        headings.len(),
        "{generator} rendered every heading"
    );
    let wrong: Vec<String> = headings
        .iter()
        .zip(t.iter().zip(&o))
        .filter(|(_, (t, o))| t != o)
        .map(|(h, (t, o))| format!("## {h:?}: {generator} {t:?} / inkstone {o:?}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} ids differ:\n{}",
        wrong.len(),
        headings.len(),
        wrong.join("\n")
    );
}

/// Heading ids as Hugo makes them, in each of its three `autoHeadingIDType`s, over generated
/// headings; a `#anchor` written against the preview works on the site.
#[test]
fn hugo_heading_ids_agree() {
    let mut headings = generated_headings(160, 7);
    // Written ids, in both of goldmark's spellings, and the ids made after them.
    headings.extend(
        [
            "Custom {#custom}",
            "custom",
            "Attr {id=\"attr-id\"}",
            "attr id",
            "Attr",
        ]
        .map(String::from),
    );
    for (id_type, extra) in [
        ("github", ""),
        (
            "github-ascii",
            "[markup.goldmark.parser]\nautoHeadingIDType = 'github-ascii'\n",
        ),
        (
            "blackfriday",
            "[markup.goldmark.parser]\nautoHeadingIDType = 'blackfriday'\n",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("blog");
        let config = format!("baseURL = 'https://example.org/'\ntitle = 'ids'\n{extra}");
        let post = heading_post("---\ntitle: ids\ndate: 2024-01-01\n---", &headings);
        write_all(
            &site,
            &[("hugo.toml", &config), ("content/posts/ids.md", &post)],
        );
        let theirs = their_html("hugo-dump.sh", &site, "content/posts/ids.md");
        let ours = our_html(&site, "content/posts/ids.md");
        assert_same_ids(&format!("hugo {id_type}"), &theirs, &ours, &headings);
    }
}

/// Heading ids as Jekyll's kramdown (GFM parser, Jekyll's defaults) makes them.
#[test]
fn jekyll_heading_ids_agree() {
    let headings = generated_headings(160, 11);
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let post = heading_post("---\ntitle: ids\n---", &headings);
    write_all(
        &site,
        &[
            ("_config.yml", "title: ids\n"),
            ("_posts/2024-01-01-ids.md", &post),
        ],
    );
    let theirs = their_html("jekyll-dump.sh", &site, "_posts/2024-01-01-ids.md");
    let ours = our_html(&site, "_posts/2024-01-01-ids.md");
    assert_same_ids("jekyll", &theirs, &ours, &headings);
}

/// The typographer's decision for every quote and apostrophe position next to CJK letters, CJK
/// and ASCII punctuation, spaces, digits and symbols: a generated table of contexts, each page
/// one case, counted by real Hugo (in CJK mode, where `&ldquo;` and `&quot;` count
/// differently); then the same cases on one page, where an open quote decides later ones.
#[test]
fn hugo_typographer_agrees_on_generated_contexts() {
    const SIDES: &[&str] = &[
        "", " ", "中", "a", "。", "，", "（", "）", "「", "」", "(", ",", ".", "7", "～", "©",
        "\u{3000}", "*", "—",
    ];
    const INNER: &[&str] = &["君子", "hello", "x y", "中文 text"];
    let mut pages = Vec::new();
    for (i, left) in SIDES.iter().enumerate() {
        for (j, right) in SIDES.iter().enumerate() {
            let inner = INNER[(i + j) % INNER.len()];
            let quote = if (i * 7 + j) % 3 == 0 { '\'' } else { '"' };
            pages.push(format!("不是一个{left}{quote}{inner}{quote}{right}结束"));
            pages.push(format!("{left}{quote}{inner}{right}"));
        }
    }
    for extra in [
        "it's 'twas 'em '90s rock'n'roll don't 中'文 a'9 x '",
        "a -- b --- c ---- d ----- e... f.... << g >>",
        "\"a\n\n他说\"hello\"。\n\n'b\n\n中文'",
        "Monitor 21\"\" and 21\" x \"(a)\".x \"(a)\". \"$5\" and \"+1\"",
        "*\"em\"* and **\"strong\"** [link \"t\"](u) `\"code\"`",
        "| a | b |\n|---|---|\n| \"中文\" | it's |\n\n- \"item\"\n- 列表'项'\n\n> \"引用\"。",
    ] {
        pages.push(extra.to_string());
    }
    // All of them on one page: the open-quote counters run across paragraphs.
    pages.push(pages.join("\n\n"));
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    hugo_pages(&site, &pages);
    compare("hugo-dump.sh", &site, pages.len());
}

/// Footnotes as goldmark and kramdown render them: numbered by first citation, only cited
/// ones shown, one back-link per citation; counted by real Hugo and Jekyll.
#[test]
fn footnotes_agree_on_generated_shapes() {
    let mut pages = Vec::new();
    let notes = [
        ("a", "第一条注释。"),
        ("b", "The second note, in English."),
        ("c", "第三条\n\n有两段。"),
        ("d", "Ends with a list:\n\n    - one\n    - two"),
        ("e", "Never cited, never shown."),
    ];
    let citations: &[&[&str]] = &[
        &["a"],
        &["a", "a"],
        &["b", "a"],
        &["a", "b", "a", "b", "b"],
        &["c"],
        &["c", "c", "a"],
        &["d", "b"],
        &[],
    ];
    for (i, cites) in citations.iter().enumerate() {
        let mut body = String::new();
        for (k, c) in cites.iter().enumerate() {
            let word = if (i + k) % 2 == 0 {
                "中文句子"
            } else {
                "an English sentence"
            };
            body.push_str(&format!("{word}[^{c}] 后面 more.\n\n"));
        }
        body.push_str("正文结束。\n\n");
        for (label, text) in notes {
            body.push_str(&format!("[^{label}]: {text}\n\n"));
        }
        pages.push(body);
    }
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    hugo_pages(&hugo, &pages);
    compare("hugo-dump.sh", &hugo, pages.len());
    let jekyll = tmp.path().join("jekyll");
    let mut files = vec![("_config.yml".to_string(), "title: gen\n".to_string())];
    for (i, body) in pages.iter().enumerate() {
        files.push((
            format!("_posts/2024-01-{:02}-p{i}.md", i + 1),
            format!("---\ntitle: p{i}\n---\n\n{body}"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&jekyll, &files);
    compare("jekyll-dump.sh", &jekyll, pages.len());
}

/// Template tags count as the text they make on the site, not as their braces and arguments:
/// a figure's title and caption, an address in a link (nothing) or in the text (one word), a
/// highlighted block's code, an escaped tag's text; counted by real Hugo and Jekyll.
#[test]
fn template_tags_count_as_what_they_make() {
    let pages: Vec<String> = [
        "See {{< figure src=\"/a.png\" caption=\"架构图 overview\" >}} after.",
        "{{< figure src=\"/a.png\" title=\"Control loop\" caption=\"调谐 循环\" attr=\"CNCF\" >}}",
        "Text [link]({{< relref \"p000.md\" >}}) here, and [ref]({{< ref \"p000.md\" >}}).",
        "Address as text: {{< relref \"p000.md\" >}} 结束。",
        "{{< highlight go >}}\nfunc main() { fmt.Println(\"hi\") }\n{{< /highlight >}}\n\nAfter 代码.",
        "Escaped: {{</* figure src=\"x\" */>}} stays as written.",
        "{{% relref \"p000.md\" %}} and {{< figure src=\"/b.png\" alt=\"no caption\" >}} end.",
    ]
    .map(String::from)
    .to_vec();
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    hugo_pages(&hugo, &pages);
    compare("hugo-dump.sh", &hugo, pages.len());

    let jekyll = tmp.path().join("jekyll");
    let posts = [
        "See [home]({{ \"/\" | relative_url }}) and more words.",
        "A [post]({% post_url 2024-01-01-p0 %}) link, 中文 too.",
        "{% raw %}{{ shown as written }}{% endraw %} raw text.",
        "{% highlight go %}\nfunc main() {}\n{% endhighlight %}\n\nAfter the code.",
        "{{ '/assets/a.png' | relative_url }} as text.",
        "Before {% comment %}hidden words{% endcomment %} after.",
    ];
    let mut files = vec![("_config.yml".to_string(), "title: gen\n".to_string())];
    for (i, body) in posts.iter().enumerate() {
        files.push((
            format!("_posts/2024-01-{:02}-p{i}.md", i + 1),
            format!("---\ntitle: p{i}\n---\n\n{body}\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&jekyll, &files);
    compare("jekyll-dump.sh", &jekyll, posts.len());
}

/// The links of rendered HTML as (href, text), entities and percent-escapes decoded (the two
/// renderers escape a URL's characters a little differently; the link is the same).
fn links_of(html: &str) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let s = s
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#34;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%'
                && i + 2 < b.len()
                && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
            {
                out.push(v);
                i += 3;
                continue;
            }
            out.push(b[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    let mut out = Vec::new();
    for part in html.split("<a href=\"").skip(1) {
        let href = &part[..part.find('"').unwrap()];
        let text = &part[part.find('>').unwrap() + 1..part.find("</a>").unwrap()];
        out.push((decode(href), decode(text)));
    }
    out
}

/// Bare URLs as Hugo's Linkify links them, in generated contexts: what comes before (a space,
/// a CJK letter, `（`, punctuation, a no-break space, a tab) decides whether it is tried, what
/// comes after (CJK and ASCII punctuation, parentheses, entities) where it ends; Jekyll links
/// none of them.
#[test]
fn bare_urls_agree_on_generated_contexts() {
    const BEFORE: &[&str] = &[
        "", " ", "见", "(", "（", ",", ":", "*", "_", "~", "\u{a0}", "\t", " \"", "说'",
    ];
    const URLS: &[&str] = &[
        "https://go.dev/doc",
        "www.example.com",
        "https://example.com/a_(b)",
        "https://a.com/x?y=1&z=2",
        "http://x.y/a(b))",
        "ftp://ftp.example.org/f.txt",
        "https://Example.COM/x",
        "me@example.org",
    ];
    const AFTER: &[&str] = &[
        "", "。", "，", ".", ",", ")", "）", " end", "路径", ";", "&amp;", "!?", "_", ":8080/p",
    ];
    let mut paragraphs = Vec::new();
    for before in BEFORE {
        for url in URLS {
            for after in AFTER {
                paragraphs.push(format!("前文{before}{url}{after}"));
            }
        }
    }
    paragraphs.push("`https://in.code.example/` [see https://x.y/in-label](https://z.w) <https://auto.example/x>".into());
    let pages: Vec<String> = paragraphs.chunks(60).map(|c| c.join("\n\n")).collect();
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("hugo");
    hugo_pages(&site, &pages);
    let theirs = dump("hugo-dump.sh", &site);
    let mut wrong = Vec::new();
    let mut total = 0;
    for (i, _) in pages.iter().enumerate() {
        let path = format!("content/posts/p{i:03}.md");
        let t = theirs.iter().find(|p| p["path"] == path).unwrap();
        let t = links_of(t["html"].as_str().unwrap());
        let o = links_of(&our_html(&site, &path));
        total += t.len();
        if t != o {
            let first = t
                .iter()
                .zip(&o)
                .position(|(a, b)| a != b)
                .unwrap_or(t.len().min(o.len()));
            wrong.push(format!(
                "{path}, link {first}:\n  hugo     {:?}\n  inkstone {:?}",
                &t[first.saturating_sub(1)..(first + 2).min(t.len())],
                &o[first.saturating_sub(1)..(first + 2).min(o.len())]
            ));
        }
    }
    assert!(total > 300, "hugo linked only {total}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    let jekyll = tmp.path().join("jekyll");
    write_all(
        &jekyll,
        &[
            ("_config.yml", "title: gen\n"),
            (
                "_posts/2024-01-01-links.md",
                &format!(
                    "---\ntitle: links\n---\n\n{}\n",
                    paragraphs[..200].join("\n\n")
                ),
            ),
        ],
    );
    let t = links_of(&their_html(
        "jekyll-dump.sh",
        &jekyll,
        "_posts/2024-01-01-links.md",
    ));
    let o = links_of(&our_html(&jekyll, "_posts/2024-01-01-links.md"));
    assert_eq!(t, o, "jekyll");
}
