//! `inkstone check`: a blog with planted problems gives exactly those, by file and line; the
//! sample blog and the compatibility fixtures give none.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;

use common::generators::write_all;
use common::repo;
use serde_json::Value;

/// `inkstone check --json`: the findings as (file, line, kind, target), and the exit status.
fn check(blog: &Path) -> (Vec<(String, u64, String, String)>, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["check", "--json", "--blog"])
        .arg(blog)
        .output()
        .unwrap();
    let found: Vec<Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let found = found
        .iter()
        .map(|f| {
            assert!(!f["message"].as_str().unwrap().is_empty());
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["kind"].as_str().unwrap().to_string(),
                f["target"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (found, out.status.code().unwrap())
}

/// `inkstone check` as text: one finding a line, `file:line: kind: target — message`.
fn check_text(blog: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["check", "--blog"])
        .arg(blog)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The real `hugo` builds `site` into `out`: whether it succeeded, and what it said (both
/// streams: where it names a `REF_NOT_FOUND`, or the file it could not read).
fn hugo(site: &Path, out: &Path) -> (bool, String) {
    let built = Command::new("hugo")
        .arg("-s")
        .arg(site)
        .arg("-d")
        .arg(out)
        .output()
        .expect("hugo (make test installs it)");
    let said = [&built.stdout[..], &built.stderr[..]].concat();
    (
        built.status.success(),
        String::from_utf8_lossy(&said).into_owned(),
    )
}

fn expect(found: &[(String, u64, String, String)], want: &[(&str, u64, &str, &str)]) {
    let found: Vec<(&str, u64, &str, &str)> = found
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), *b, c.as_str(), d.as_str()))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn planted_problems_in_a_hugo_site_under_a_sub_path_are_found_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let a = "---\ntitle: A\n---\n\
## 安装\n\
\n\
![ok](diagram.png) ![case](overview.png) ![gone](missing.png)\n\
[here](#安装) [there](#install) [b](../b/) [b anchor](../b/#nope) [b ok](../b/#用法)\n\
[root](/images/x.png) [static](/blog/img/s.png) [web](https://example.org/x) <me@x.org>\n\
{{< ref \"posts/b.md\" >}} {{< relref \"posts/nope.md\" >}} {{< ref \"b#用法\" >}}\n";
    // A section's own files are published at their content path (`../images/pic.png` works).
    let b = "---\ntitle: B\n---\n## 用法\n\n![beside](images/pic.png) ![section](../images/pic.png)\n\n[source](a/index.md)\n";
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/blog/'\ntitle = 'x'\n",
            ),
            ("content/posts/a/index.md", a),
            ("content/posts/a/diagram.png", "png"),
            ("content/posts/a/Overview.png", "png"),
            ("content/posts/b.md", b),
            ("content/posts/images/pic.png", "png"),
            ("static/img/s.png", "png"),
        ],
    );
    let (found, status) = check(&site);
    expect(
        &found,
        &[
            ("content/posts/a/index.md", 6, "case", "overview.png"),
            (
                "content/posts/a/index.md",
                6,
                "missing-image",
                "missing.png",
            ),
            ("content/posts/a/index.md", 7, "missing-anchor", "#install"),
            (
                "content/posts/a/index.md",
                7,
                "missing-anchor",
                "../b/#nope",
            ),
            (
                "content/posts/a/index.md",
                8,
                "root-relative",
                "/images/x.png",
            ),
            (
                "content/posts/a/index.md",
                9,
                "missing-post",
                "posts/nope.md",
            ),
            ("content/posts/b.md", 6, "missing-image", "images/pic.png"),
            ("content/posts/b.md", 8, "source-link", "a/index.md"),
        ],
    );
    assert_eq!(status, 1);
    // The same as text, one finding a line: file:line: kind: target — message.
    let text = check_text(&site);
    assert!(
        text.lines().any(|l| l.starts_with(
            "content/posts/b.md:6: missing-image: images/pic.png — content/posts/images/pic.png is in the blog, but the site serves nothing at /blog/posts/b/images/pic.png"
        )),
        "{text}"
    );
    assert_eq!(text.lines().count(), 8, "{text}");
}

#[test]
fn planted_problems_in_a_jekyll_site_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    write_all(
        &site,
        &[
            ("_config.yml", "title: x\npermalink: pretty\n"),
            (
                "_posts/2024-01-05-a.md",
                "---\ntitle: A\n---\n## Setup\n\n[b]({% post_url 2024-01-06-b %}) [gone]({% post_url 2024-01-07-gone %})\n\n![ok](/assets/a.png) ![draft only](/_drafts/x.png) [anchor](#setup) [bad](#nope)\n\n{% link about.md %} {% link nope.md %}\n",
            ),
            ("_posts/2024-01-06-b.md", "---\ntitle: B\n---\nb\n"),
            ("assets/a.png", "png"),
            ("about.md", "---\ntitle: About\n---\n"),
        ],
    );
    let (found, status) = check(&site);
    expect(
        &found,
        &[
            (
                "_posts/2024-01-05-a.md",
                6,
                "missing-post",
                "2024-01-07-gone",
            ),
            (
                "_posts/2024-01-05-a.md",
                8,
                "missing-image",
                "/_drafts/x.png",
            ),
            ("_posts/2024-01-05-a.md", 8, "missing-anchor", "#nope"),
            ("_posts/2024-01-05-a.md", 10, "missing-post", "nope.md"),
        ],
    );
    assert_eq!(status, 1);
}

/// A post the generator cannot read is a finding at its line (the real `hugo` stops the
/// site's build on it), its path blog-relative; the readable posts are still checked.
#[test]
fn a_post_that_cannot_be_read_is_a_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/'\ntitle = 'x'\n",
            ),
            (
                "content/posts/ok.md",
                "---\ntitle: OK\ndate: 2024-01-01\n---\n![gone](/gone.png)\n",
            ),
            (
                "content/posts/yaml.md",
                "---\ntitle: \"unclosed\ndate: 2024-01-01\n---\nbody\n",
            ),
        ],
    );
    std::fs::write(
        site.join("content/posts/bytes.md"),
        b"---\ntitle: x\n---\n\xff\xfe\n",
    )
    .unwrap();
    let (found, status) = check(&site);
    expect(
        &found,
        &[
            ("content/posts/bytes.md", 4, "unreadable", ""),
            ("content/posts/ok.md", 5, "missing-image", "/gone.png"),
            ("content/posts/yaml.md", 4, "unreadable", ""),
        ],
    );
    assert_eq!(status, 1);
    let text = check_text(&site);
    assert!(
        text.lines().any(|l| l
            == "content/posts/bytes.md:4: unreadable: invalid UTF-8 (byte 17); the file is left untouched; the site cannot show it as written"),
        "{text}"
    );
    // What the finding says of Hugo, Hugo does.
    std::fs::remove_file(site.join("content/posts/bytes.md")).unwrap();
    let (built, said) = hugo(&site, &tmp.path().join("out"));
    assert!(!built && said.contains("yaml.md"), "{said}");
    assert!(
        text.lines().any(|l| l
            .starts_with("content/posts/yaml.md:4: unreadable: YAML front matter: ")
            && l.ends_with("; hugo stops the site's build on it")),
        "{text}"
    );
}

/// A `ref` names a bundle by its folder, with or without `.md` (`x.md` is `x/index.md`, as
/// `inkstone image add` makes a post a bundle): found as the real `hugo` finds them, whose
/// build fails on a `ref` to nothing.
#[test]
fn refs_to_bundles_are_found_as_hugo_finds_them() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let refs = "[1]({{< ref \"bun.md\" >}}) [2]({{< relref \"posts/bun.md\" >}}) [3]({{< ref \"deep.md\" >}}) [4]({{< ref \"sub/deep.md\" >}}) [5]({{< ref \"bun\" >}})\n";
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/'\ntitle = 'x'\n",
            ),
            ("layouts/_default/single.html", "{{ .Content }}"),
            ("content/posts/bun/index.md", "---\ntitle: B\n---\nb\n"),
            ("content/posts/sub/deep/index.md", "---\ntitle: D\n---\nd\n"),
            ("content/posts/a.md", &format!("---\ntitle: A\n---\n{refs}")),
        ],
    );
    assert_eq!(check(&site), (Vec::new(), 0));
    let (built, said) = hugo(&site, &tmp.path().join("out"));
    assert!(built, "{said}");
    // A ref to nothing: both say so.
    std::fs::write(
        site.join("content/posts/a.md"),
        format!("---\ntitle: A\n---\n{refs}[6]({{{{< ref \"gone.md\" >}}}})\n"),
    )
    .unwrap();
    let (found, status) = check(&site);
    expect(
        &found,
        &[("content/posts/a.md", 5, "missing-post", "gone.md")],
    );
    assert_eq!(status, 1);
    let (built, said) = hugo(&site, &tmp.path().join("out"));
    assert!(!built && said.contains("REF_NOT_FOUND"), "{said}");
}

/// A published post that links to a draft or a post dated in the future links to a 404 (the
/// site does not publish them yet), and a `ref` to one stops the real `hugo`'s build; a draft
/// may link to a draft.
#[test]
fn links_from_published_posts_to_unpublished_ones_are_found() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/'\ntitle = 'x'\n",
            ),
            ("layouts/_default/single.html", "{{ .Content }}"),
            (
                "content/posts/d.md",
                "---\ntitle: D\ndraft: true\n---\n[other draft](/posts/a/)\n",
            ),
            (
                "content/posts/f.md",
                "---\ntitle: F\ndate: 2999-01-01\n---\nlater\n",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\n---\n[draft](/posts/d/) [future](../f/)\n\n[ref]({{< ref \"d.md\" >}})\n",
            ),
        ],
    );
    let (found, status) = check(&site);
    expect(
        &found,
        &[
            ("content/posts/a.md", 5, "unpublished", "/posts/d/"),
            ("content/posts/a.md", 5, "unpublished", "../f/"),
            ("content/posts/a.md", 7, "unpublished", "d.md"),
        ],
    );
    assert_eq!(status, 1);
    let (built, said) = hugo(&site, &tmp.path().join("out"));
    assert!(!built && said.contains("REF_NOT_FOUND"), "{said}");
    // A site that builds its drafts publishes them: only the future post is unpublished.
    let config = site.join("hugo.toml");
    let plain = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{plain}buildDrafts = true\n")).unwrap();
    let (found, _) = check(&site);
    expect(&found, &[("content/posts/a.md", 5, "unpublished", "../f/")]);
    std::fs::write(&config, plain).unwrap();
    // Published, the draft is linked to rightly.
    std::fs::write(site.join("content/posts/d.md"), "---\ntitle: D\n---\nd\n").unwrap();
    let (found, _) = check(&site);
    expect(&found, &[("content/posts/a.md", 5, "unpublished", "../f/")]);
    let (built, said) = hugo(&site, &tmp.path().join("out"));
    assert!(built, "{said}");
}

/// A `ref` by name is the page Hugo picks: beside the page first, then from the content
/// folder, then by name anywhere — not the first post in path order with that name.
#[test]
fn a_ref_is_the_page_hugo_picks_among_several_of_one_name() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/'\ntitle = 'x'\n",
            ),
            ("layouts/_default/single.html", "{{ .Content }}"),
            (
                "content/archive/setup/index.md",
                "---\ntitle: Old\ndraft: true\n---\nold\n",
            ),
            ("content/posts/setup.md", "---\ntitle: Setup\n---\nnew\n"),
            (
                "content/posts/a.md",
                "---\ntitle: A\n---\n[s]({{< relref \"setup\" >}}) [t]({{< ref \"setup.md\" >}})\n",
            ),
        ],
    );
    assert_eq!(check(&site), (Vec::new(), 0));
    let (built, said) = hugo(&site, &tmp.path().join("out"));
    assert!(built, "{said}");
}

#[test]
fn the_sample_blog_and_the_fixtures_are_clean() {
    for blog in [
        "posts",
        "tests/fixtures/jekyll",
        "tests/fixtures/hexo",
        "tests/fixtures/hugo-mixed",
    ] {
        let (found, status) = check(&repo().join(blog));
        assert_eq!((found, status), (Vec::new(), 0), "{blog}");
    }
}

/// What review found reported wrongly: pages the generator makes besides posts, addresses
/// with Chinese in them, the top of a page, sections named by `ref`, Liquid tags inside code
/// and `{% raw %}`, `post_url` forms, Hexo's `post_link` by title.
#[test]
fn what_the_generators_serve_is_not_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let hugo = tmp.path().join("hugo");
    write_all(
        &hugo,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/blog/'\ntitle = 'x'\n",
            ),
            (
                "content/posts/你好/index.md",
                "---\ntitle: 你好\n---\n## 安装\n\n![p](pic.png) [home](/blog/) [tag](/blog/tags/rust/) [section](/blog/posts/) [top](#top) [none](#)\n\n{{< ref \"posts\" >}} [self](../你好/#安装)\n",
            ),
            ("content/posts/你好/pic.png", "png"),
            ("content/posts/_index.md", "---\ntitle: Posts\n---\n"),
        ],
    );
    assert_eq!(check(&hugo), (Vec::new(), 0));

    let jekyll = tmp.path().join("jekyll");
    write_all(
        &jekyll,
        &[
            ("_config.yml", "title: x\n"),
            (
                "_posts/2024-01-05-a.md",
                "---\ntitle: A\n---\n[c]({% post_url cat/2024-01-07-c %}) [c2]({% post_url /2024-01-07-c %})\n\n```liquid\n{% post_url 2000-01-01-in-code %}\n```\n\n`{% post_url 2000-01-01-inline %}`\n\n{% raw %}\n{% post_url 2000-01-01-raw %}\n{% endraw %}\n\n{% link Logo.png %}\n",
            ),
            ("cat/_posts/2024-01-07-c.md", "---\ntitle: C\n---\nc\n"),
            ("logo.png", "png"),
        ],
    );
    let (found, _) = check(&jekyll);
    expect(
        &found,
        &[("_posts/2024-01-05-a.md", 16, "missing-post", "Logo.png")],
    );

    let hexo = tmp.path().join("hexo");
    write_all(
        &hexo,
        &[
            ("_config.yml", "title: x\n"),
            (
                "source/_posts/a.md",
                "---\ntitle: A\n---\n{% post_link \"My Great Post\" %} {% post_link b %} {% post_link nope %}\n",
            ),
            ("source/_posts/b.md", "---\ntitle: My Great Post\n---\nb\n"),
        ],
    );
    let (found, _) = check(&hexo);
    expect(&found, &[("source/_posts/a.md", 4, "missing-post", "nope")]);
}
