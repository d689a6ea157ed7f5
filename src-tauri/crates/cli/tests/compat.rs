//! "Exactly as the generator computes it": the real `hugo` and `jekyll` build the fixture
//! sites and dump what they think of every post; `inkstone list --json` must agree.
//! `make test` installs Debian's hugo and jekyll.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{inkstone, repo};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn dump(script: &str, site: &Path) -> Vec<Value> {
    let out_file = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new(repo().join("tests/compat").join(script))
        .arg(site)
        .arg(out_file.path())
        .env("TZ", "UTC")
        .status()
        .unwrap_or_else(|e| panic!("{script}: {e} (is the generator installed? `make test-deps`)"));
    assert!(status.success(), "{script} {} failed", site.display());
    serde_json::from_str(&std::fs::read_to_string(out_file.path()).unwrap()).unwrap()
}

fn ours(site: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["list", "--json", "--blog"])
        .arg(site)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn compare(script: &str, site: &Path, min_posts: usize) {
    let theirs = dump(script, site);
    let ours = ours(site);
    assert!(
        theirs.len() >= min_posts,
        "{} lists only {} posts",
        script,
        theirs.len()
    );
    let mut mismatches = Vec::new();
    let ours_paths: Vec<&str> = ours.iter().map(|p| p["path"].as_str().unwrap()).collect();
    let their_paths: Vec<&str> = theirs.iter().map(|p| p["path"].as_str().unwrap()).collect();
    let mut a = ours_paths.clone();
    let mut b = their_paths.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same posts");
    for t in &theirs {
        let path = t["path"].as_str().unwrap();
        let o = ours.iter().find(|p| p["path"] == path).unwrap();
        for key in [
            "title",
            "date",
            "draft",
            "tags",
            "categories",
            "words",
            "reading_minutes",
        ] {
            if t[key] != o[key] {
                mismatches.push(format!(
                    "{path} {key}: generator {} / inkstone {}",
                    t[key], o[key]
                ));
            }
        }
        for key in ["publish_date", "expiry_date", "lang", "translations", "url"] {
            // Hugo's empty address of a page it does not render is our null.
            let theirs = match &t[key] {
                Value::String(s) if key == "url" && s.is_empty() => Value::Null,
                v => v.clone(),
            };
            if t.get(key).is_some() && theirs != o[key] {
                mismatches.push(format!(
                    "{path} {key}: generator {} / inkstone {}",
                    t[key], o[key]
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn hugo_agrees_on_the_sample_blog() {
    compare("hugo-dump.sh", &repo().join("posts"), 9);
}

#[test]
fn hugo_agrees_on_edge_cases() {
    compare(
        "hugo-dump.sh",
        &repo().join("tests/fixtures/hugo-mixed"),
        10,
    );
}

#[test]
fn jekyll_agrees() {
    compare("jekyll-dump.sh", &repo().join("tests/fixtures/jekyll"), 6);
}

fn term_counts(site: &Path, which: &str) -> Vec<(String, u64, u64)> {
    let v: Vec<Value> = serde_json::from_str(&inkstone(site, &[which, "--json"])).unwrap();
    v.iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["posts"].as_u64().unwrap(),
                t["unpublished"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn count_of(counts: &[(String, u64, u64)], name: &str) -> Option<(u64, u64)> {
    counts
        .iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, p, u)| (*p, *u))
}

#[test]
fn tag_operations_leave_a_site_hugo_builds_with_the_new_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("posts"), &site);
    let before = term_counts(&site, "tags");
    let tcp = count_of(&before, "tcp").unwrap();
    let go = count_of(&before, "go").unwrap();

    // The dry run lists files and writes nothing.
    let listed = inkstone(&site, &["tags", "rename", "tcp", "networking", "--dry-run"]);
    assert_eq!(listed.lines().count() as u64, tcp.0 + tcp.1);
    assert_eq!(term_counts(&site, "tags"), before);

    inkstone(&site, &["tags", "rename", "tcp", "networking"]);
    inkstone(
        &site,
        &["tags", "merge", "go", "concurrency", "--into", "golang"],
    );
    inkstone(&site, &["tags", "delete", "内核"]);
    inkstone(&site, &["categories", "rename", "网络", "Networking"]);
    let after = term_counts(&site, "tags");
    assert_eq!(count_of(&after, "networking"), Some(tcp));
    assert_eq!(count_of(&after, "tcp"), None);
    assert_eq!(count_of(&after, "内核"), None);
    let golang = count_of(&after, "golang").unwrap();
    assert!(golang.0 + golang.1 >= go.0 + go.1, "{after:?}");
    assert!(count_of(&term_counts(&site, "categories"), "Networking").is_some());
    assert!(!site.join(".inkstone").exists(), "no journal left behind");
    // Hugo builds the changed site and sees exactly the tags we list.
    compare("hugo-dump.sh", &site, 9);
}

#[test]
fn tag_operations_leave_a_site_jekyll_builds_with_the_new_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    inkstone_testserver::copy_dir(&repo().join("tests/fixtures/jekyll"), &site);
    let tcp = count_of(&term_counts(&site, "tags"), "tcp").unwrap();
    inkstone(&site, &["tags", "rename", "tcp", "networking"]);
    assert_eq!(
        count_of(&term_counts(&site, "tags"), "networking"),
        Some(tcp)
    );
    // `tags: linux tcp kernel` stays a space-separated string.
    let text = std::fs::read_to_string(site.join("_posts/2024-03-18-tcp-retransmit.md")).unwrap();
    assert!(text.contains("tags: linux networking kernel\n"), "{text}");
    compare("jekyll-dump.sh", &site, 6);
}

/// Writes `files` (path, text) under `root`.
fn write_all(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Which files Jekyll takes as posts and drafts, and their dates: generated names and folders
/// (short dates, two-digit years, rolled-over days, nested folders, special first characters,
/// `exclude` with Jekyll's defaults), built by the real `jekyll` and compared with our list.
#[test]
fn jekyll_reads_the_same_files_as_posts() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let post = |title: &str| format!("---\ntitle: \"{title}\"\ntags: [t]\n---\nSome words here.\n");
    let mut files: Vec<(String, String)> = vec![(
        "_config.yml".into(),
        "title: names\ntimezone: Asia/Shanghai\nexclude: [archive, \"old-*\"]\n".into(),
    )];
    // Names: the date matcher, `\d{2,4}-\d{1,2}-\d{1,2}-`, and what is not dated.
    for name in [
        "2024-03-09-full.md",
        "2024-3-5-short.md",
        "2024-03-5-mixed.md",
        "24-1-2-two-digit-year.md",
        "99-12-31-last-century.md",
        "2024-02-30-rolled-over.md",
        "2024-01-01-.md",
        "2024-1-1-中文-标题.md",
        "2024-01-01-dots.in.name.md",
        "2024-01-01-upper.MD",
        "2024-01-01-x.markdown",
        "20240101-no-dashes.md",
        "2024-01-01.md",
        "not-dated.md",
        "_2024-01-01-underscore.md",
        "#2024-01-01-hash.md",
        "~2024-01-01-tilde.md",
        ".2024-01-01-dot.md",
    ] {
        files.push((format!("_posts/{name}"), post(name)));
    }
    // Folders: nested inside _posts, categories above it, special and excluded ones.
    for path in [
        "_posts/2024/2024-04-01-nested.md",
        "_posts/2024/05/2024-5-1-deeper.md",
        "_posts/_private/2024-04-02-private.md",
        "_posts/2024/_wip/2024-04-02-wip-inside.md",
        "_posts/.hidden/2024-04-03-hidden.md",
        "notes/_posts/2024-04-04-category.md",
        "a/b/_posts/2024-4-5-two-categories.md",
        "_layouts/_posts/2024-04-06-special-folder.md",
        "archive/_posts/2024-04-07-excluded.md",
        "old-2019/_posts/2019-04-07-excluded-glob.md",
        "node_modules/_posts/2024-04-08-default-excluded.md",
        "vendor/bundle/_posts/2024-04-09-vendor-bundle.md",
        "vendor/_posts/2024-04-10-vendor-itself.md",
        "public/_posts/2024-04-11-public-is-a-folder-like-any.md",
        "_drafts/draft-one.md",
        "_drafts/2024-04-12-dated-draft.md",
        "_drafts/sub/nested-draft.md",
        "notes/_drafts/category-draft.md",
    ] {
        files.push((path.into(), post(path)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&site, &files);
    compare("jekyll-dump.sh", &site, 15);
}

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

fn our_html(site: &Path, post: &str) -> String {
    let file = site.join(post).display().to_string();
    let out: Value = serde_json::from_str(&inkstone(site, &["render", "--json", &file])).unwrap();
    out["html"].as_str().unwrap().to_string()
}

fn their_html(script: &str, site: &Path, path: &str) -> String {
    let dump = dump(script, site);
    let post = dump
        .iter()
        .find(|p| p["path"] == path)
        .unwrap_or_else(|| panic!("{path} in {dump:?}"));
    post["html"].as_str().unwrap().to_string()
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

/// A site of generated pages for `hugo` (CJK counting on, as Chinese blogs set it).
fn hugo_pages(site: &Path, pages: &[String]) {
    let mut files = vec![(
        "hugo.toml".to_string(),
        "baseURL = 'https://example.org/'\ntitle = 'gen'\nhasCJKLanguage = true\n".to_string(),
    )];
    for (i, body) in pages.iter().enumerate() {
        files.push((
            format!("content/posts/p{i:03}.md"),
            format!("---\ntitle: p{i}\ndate: 2024-01-01T00:00:00+08:00\n---\n\n{body}\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(site, &files);
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

/// Which files Hugo takes as pages: leaf and branch bundles, headless bundles, `ignoreFiles`,
/// names Hugo skips, exact suffixes, nested sections. (A page kept out of every list with
/// `_build: {list: never}` is still a page Hugo renders, so the library lists it; no template
/// can list it, so it is not compared here.)
#[test]
fn hugo_reads_the_same_files_as_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let page = |title: &str, extra: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndate: 2024-01-01T00:00:00+08:00\n{extra}---\nSome words.\n"
        )
    };
    let mut files: Vec<(String, String)> = vec![(
        "hugo.toml".into(),
        "baseURL = 'https://example.org/'\ntitle = 'pages'\nignoreFiles = ['\\.private\\.md$', '/scratch/']\n"
            .into(),
    )];
    for (path, extra) in [
        ("content/posts/plain.md", ""),
        ("content/posts/_index.md", ""),
        ("content/posts/leaf/index.md", ""),
        ("content/posts/leaf/notes.md", ""),
        ("content/posts/branch/_index.md", ""),
        ("content/posts/branch/child.md", ""),
        ("content/posts/branch/deeper/grandchild.md", ""),
        ("content/posts/headless/index.md", "headless: true\n"),
        ("content/posts/headless/part.md", ""),
        ("content/posts/unrendered.md", "_build:\n  render: never\n"),
        ("content/posts/secret.private.md", ""),
        ("content/scratch/idea.md", ""),
        ("content/posts/.hidden.md", ""),
        ("content/posts/#autosave.md", ""),
        ("content/posts/backup.md~", ""),
        ("content/about.md", ""),
        ("content/notes/2024-01-01-dated.md", ""),
        ("content/posts/upper.MD", ""),
        ("content/posts/old.mkd", ""),
        ("content/posts/mdown/index.mdown", ""),
        ("content/posts/mdown/part.md", ""),
        ("content/posts/page.markdown", ""),
    ] {
        files.push((path.into(), page(path, extra)));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&site, &files);
    compare("hugo-dump.sh", &site, 6);
}

/// Tag edits on every list shape (YAML block and flow lists, TOML and JSON arrays, one line
/// or many, with comments, commented-out items and mixed quoting): only the renamed, merged
/// or deleted items' lines change, and Hugo reads the tags we list.
#[test]
fn tag_edits_on_every_list_shape_leave_what_hugo_reads() {
    let yaml = |tags: &str| {
        format!(
            "---\ntitle: \"T\"   # 标题\ndate: 2024-01-01T00:00:00+08:00\n# 分类\n{tags}keywords: [k8s, ebpf]\n---\n正文 k8s。\n"
        )
    };
    let toml = |tags: &str| {
        format!(
            "+++\ntitle = \"T\"  # 标题\ndate = 2024-01-01T00:00:00+08:00\n{tags}keywords = ['k8s']\n+++\n正文 k8s。\n"
        )
    };
    let shapes = [
        yaml("tags:\n  - k8s     # 旧写法，待统一\n  - eBPF\n  # - 草稿标签\n\n  - 'bpf'\n"),
        yaml("tags:\n- \"k8s\"\n- linux # 内核\n- BPF\n"),
        yaml("tags: [k8s, 'eBPF', \"bpf\"]  # 行尾注释\n"),
        yaml("tags: [\n  k8s,   # 一\n  eBPF,\n  linux\n]\n"),
        toml("tags = [\"k8s\", 'bpf', \"linux\"]  # 注释\n"),
        toml("tags = [\n  \"k8s\", # 一\n  'eBPF',\n  # \"草稿\",\n  \"linux\",\n]\n"),
        "{\n  \"title\": \"T\",\n  \"date\": \"2024-01-01T00:00:00+08:00\",\n  \"tags\": [\"k8s\", \"bpf\", \"linux\"],\n  \"keywords\": [\"k8s\"]\n}\n正文 k8s。\n".to_string(),
        "{\n  \"title\": \"T\",\n  \"date\": \"2024-01-01T00:00:00+08:00\",\n  \"tags\": [\n    \"eBPF\",\n    \"k8s\"\n  ]\n}\n正文。\n".to_string(),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let mut files = vec![(
        "hugo.toml".to_string(),
        "baseURL = 'https://example.org/'\ntitle = 'shapes'\nhasCJKLanguage = true\n".to_string(),
    )];
    for (i, text) in shapes.iter().enumerate() {
        files.push((format!("content/posts/s{i}.md"), text.clone()));
    }
    let files_ref: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_all(&site, &files_ref);
    inkstone(&site, &["tags", "rename", "k8s", "Kubernetes"]);
    inkstone(&site, &["tags", "merge", "bpf", "--into", "eBPF"]);
    inkstone(&site, &["tags", "delete", "linux"]);
    for (i, before) in shapes.iter().enumerate() {
        let after = std::fs::read_to_string(site.join(format!("content/posts/s{i}.md"))).unwrap();
        // Every line that holds none of the edited tags is as it was, in order.
        let edited = |l: &str| {
            ["k8s", "bpf", "linux", "kubernetes"]
                .iter()
                .any(|t| l.to_lowercase().contains(t))
                && !l.starts_with("keywords")
                && !l.contains("\"keywords\"")
                && !l.starts_with("正文")
        };
        let kept = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !edited(l))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(kept(&after), kept(before), "s{i}:\n{before}\n=>\n{after}");
        assert!(after.contains("正文"), "the body stays");
        assert!(
            !after.contains("\"linux\"") && !after.contains("- linux"),
            "s{i}: {after}"
        );
    }
    compare("hugo-dump.sh", &site, shapes.len());
    let listed = ours(&site);
    for post in &listed {
        let tags: Vec<&str> = post["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            !tags.iter().any(|t| ["k8s", "bpf", "linux"].contains(t)),
            "{tags:?}"
        );
    }
}

/// A bilingual Hugo site, its configuration split over `config/_default/` (`hugo.toml`,
/// `languages.toml`, `permalinks.toml`) and `config/production/`: each page's language,
/// translations and address as Hugo gives them — languages by file name and by a language's
/// own content folder, `translationKey` pairs, bundles, `slug` and `url`, permalinks with
/// `:year/:month/:slug` and `:sections`, a `baseURL` with a path, the default language at
/// the root and in its own folder.
#[test]
fn hugo_languages_translations_and_urls_agree() {
    for in_subdir in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("blog");
        let page = |title: &str, extra: &str| {
            format!(
                "---\ntitle: \"{title}\"\ndate: 2024-03-05T10:00:00+08:00\n{extra}---\n正文 body.\n"
            )
        };
        let mut files: Vec<(String, String)> = vec![
            (
                "config/_default/hugo.toml".into(),
                format!(
                    "baseURL = 'https://example.org/blog/'\ntitle = 'bi'\ndefaultContentLanguage = 'zh'\ndefaultContentLanguageInSubdir = {in_subdir}\nhasCJKLanguage = true\n"
                ),
            ),
            (
                "config/_default/languages.toml".into(),
                "[zh]\nweight = 1\nlanguageName = '中文'\n[en]\nweight = 2\nlanguageName = 'English'\n[ja]\nweight = 3\ncontentDir = 'content-ja'\n".into(),
            ),
            (
                "config/_default/permalinks.toml".into(),
                "posts = '/:year/:month/:slug/'\nnotes = '/:sections/:filename/'\nmisc = '/mm/:filename/'\n".into(),
            ),
            ("config/production/hugo.toml".into(), "title = 'bi (production)'\n".into()),
        ];
        for (path, title, extra) in [
            ("content/posts/hello/index.zh.md", "你好 世界", ""),
            ("content/posts/hello/index.en.md", "Hello World", ""),
            ("content/posts/plain.md", "Plain Title", ""),
            ("content/posts/plain.en.md", "Plain EN", ""),
            ("content/posts/slugged.md", "X", "slug: my-slug\n"),
            (
                "content/posts/keyed.md",
                "大写 Upper",
                "translationKey: k1\n",
            ),
            (
                "content/posts/other-name.en.md",
                "Other",
                "translationKey: k1\n",
            ),
            ("content/posts/urlset.md", "U", "url: /custom/path/\n"),
            ("content/notes/_index.md", "Notes", ""),
            ("content/notes/deep/_index.md", "Deep", ""),
            ("content/notes/deep/one.md", "One", ""),
            ("content/notes/flat/two.md", "Two", ""),
            ("content/about.md", "About Me", ""),
            ("content/about.en.md", "About", ""),
            ("content/Docs/Setup_Guide.md", "Setup", ""),
            ("content-ja/posts/plain.md", "プレーン", ""),
            ("content-ja/about.md", "について", ""),
            // Found by review: each once differed from Hugo.
            ("content/posts/notalang.fr.md", "Not a language", ""),
            ("content/posts/cpp.md", "C", "slug: 'C++ tips'\n"),
            ("content/posts/dash.md", "D", "slug: '-dash-'\n"),
            ("content/posts/noslash.md", "N", "url: /abs/noslash\n"),
            ("content/posts/rel.en.md", "R", "url: rel/path\n"),
            ("content/Misc/g.md", "G", ""),
            ("content/posts/k1.md", "K one", "translationKey: same\n"),
            ("content/posts/k2.md", "K two", "translationKey: same\n"),
            (
                "content/posts/k3.en.md",
                "K three",
                "translationKey: same\n",
            ),
            (
                "content/posts/shown.md",
                "S",
                "_build:\n  render: 'false'\n",
            ),
            ("content/posts/y/index.fr.md", "Y", ""),
        ] {
            files.push((path.into(), page(title, extra)));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        write_all(&site, &files);
        compare("hugo-dump.sh", &site, 14);
    }
}

/// `inkstone translate` starts a translation Hugo pairs with its original (by file name in a
/// bundle or folder, and by path under a language's own content folder), kept out of the
/// site as a draft; it never overwrites, and refuses a language the site does not define.
#[test]
fn a_translation_is_paired_by_hugo_and_stays_a_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let page = |title: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndate: 2024-03-05T10:00:00+08:00\ntags: [eBPF]\n---\n正文 body.\n"
        )
    };
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/'\ntitle = 'bi'\ndefaultContentLanguage = 'zh'\nhasCJKLanguage = true\n[languages.zh]\nweight = 1\n[languages.en]\nweight = 2\n[languages.ja]\nweight = 3\ncontentDir = 'content-ja'\n",
            ),
            ("content/posts/hello/index.md", &page("你好")),
            ("content/posts/plain.md", &page("平常")),
        ],
    );
    let made = [
        inkstone(
            &site,
            &["translate", "content/posts/hello/index.md", "--lang", "en"],
        ),
        inkstone(
            &site,
            &["translate", "content/posts/plain.md", "--lang", "EN"],
        ),
        inkstone(
            &site,
            &["translate", "content/posts/plain.md", "--lang", "ja"],
        ),
    ];
    let made: Vec<&str> = made.iter().map(|m| m.trim()).collect();
    assert_eq!(
        made,
        [
            "content/posts/hello/index.en.md",
            "content/posts/plain.en.md",
            "content-ja/posts/plain.md"
        ]
    );
    let text = std::fs::read_to_string(site.join(made[1])).unwrap();
    assert!(
        text.contains("draft: true") && text.contains("正文 body."),
        "{text}"
    );
    // Hugo sees the pairs, and the drafts as drafts (the dump builds drafts too).
    compare("hugo-dump.sh", &site, 5);
    let listed = ours(&site);
    let plain = listed
        .iter()
        .find(|p| p["path"] == "content/posts/plain.md")
        .unwrap();
    assert_eq!(
        plain["translations"],
        serde_json::json!(["content-ja/posts/plain.md", "content/posts/plain.en.md"])
    );
    // Again: refused, nothing written over.
    for (lang, why) in [
        ("en", "translation already"),
        ("fr", "not one of this site's languages (zh, en, ja)"),
        ("zh", "already in"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_inkstone"))
            .args([
                "translate",
                "content/posts/plain.md",
                "--lang",
                lang,
                "--blog",
            ])
            .arg(&site)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(why), "{lang}: {err}");
    }
    assert_eq!(std::fs::read_to_string(site.join(made[1])).unwrap(), text);
    // A bundle's resource is no page to translate; a page's own address is not copied.
    write_all(
        &site,
        &[
            (
                "content/posts/hello/notes.md",
                "---\ntitle: notes\n---\nx\n",
            ),
            (
                "content/about.md",
                "---\ntitle: About\nurl: /about/\naliases: [/me/]\n---\nx\n",
            ),
        ],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args([
            "translate",
            "content/posts/hello/notes.md",
            "--lang",
            "en",
            "--blog",
        ])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a page"),
        "{out:?}"
    );
    let about = inkstone(&site, &["translate", "content/about.md", "--lang", "en"]);
    let about = std::fs::read_to_string(site.join(about.trim())).unwrap();
    assert!(
        !about.contains("url:") && !about.contains("aliases"),
        "{about}"
    );
    compare("hugo-dump.sh", &site, 6);
}

/// One language, or settings that change every address: a file named in the default language,
/// `uglyURLs`, `removePathAccents`, a root config with a config folder beside it.
#[test]
fn hugo_single_language_and_url_settings_agree() {
    let page = |title: &str| {
        format!("---\ntitle: \"{title}\"\ndate: 2024-03-05T10:00:00+08:00\n---\nbody\n")
    };
    for (config, folder) in [
        ("baseURL = 'https://x.org/'\ntitle = 't'\n", None),
        (
            "baseURL = 'https://x.org/'\ntitle = 't'\nuglyURLs = true\nremovePathAccents = true\n",
            None,
        ),
        (
            "baseURL = 'https://x.org/sub/'\ntitle = 't'\ndefaultContentLanguage = 'en'\n",
            Some("[en]\nweight = 1\n[fr]\nweight = 2\n"),
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("blog");
        let mut files = vec![("hugo.toml".to_string(), config.to_string())];
        if let Some(langs) = folder {
            files.push(("config/_default/languages.toml".into(), langs.into()));
        }
        for (path, title) in [
            ("content/posts/plain.md", "Plain"),
            ("content/posts/a.en.md", "A en"),
            ("content/posts/b.fr.md", "B fr"),
            ("content/posts/c/index.en.md", "C"),
            ("content/posts/été.md", "Été"),
        ] {
            files.push((path.into(), page(title)));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        write_all(&site, &files);
        compare("hugo-dump.sh", &site, 3);
    }
}
