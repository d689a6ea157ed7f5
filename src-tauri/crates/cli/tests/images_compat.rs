//! `inkstone image add`, then the real `hugo` and `jekyll` build the site (under a sub-path):
//! the built page's `<img src>`, resolved against the page's address as a browser does, is the
//! stored file in the output, byte for byte.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;

use common::generators::{assert_checks_clean, hugo_build, write_all};
use serde_json::Value;

fn add(site: &Path, post: &str, image: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_inkstone"))
        .args(["image", "add", "--json", "--alt", "示意图", "--blog"])
        .arg(site)
        .arg(post)
        .arg(image)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn append(site: &Path, post: &str, markdown: &str) {
    let path = site.join(post);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{markdown}\n")).unwrap();
}

/// The `<img src>` of the built page at `page` (an address under `base`), resolved to a file
/// of the output folder.
fn served_image(out: &Path, base: &str, page: &str, html_file: &str) -> std::path::PathBuf {
    let html =
        std::fs::read_to_string(out.join(html_file)).unwrap_or_else(|e| panic!("{html_file}: {e}"));
    let src = html
        .split("<img src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no <img> in {html_file}: {html}"));
    let absolute = if src.starts_with('/') {
        src.to_string()
    } else {
        format!("{}{src}", &page[..page.rfind('/').unwrap() + 1])
    };
    let inner = absolute
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{absolute} is not under {base}"));
    out.join(inkstone_content::images::percent_decode(inner))
}

#[test]
fn hugo_serves_the_image_where_the_page_links_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let image = tmp.path().join("Flow Chart 流程.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\n one").unwrap();
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/blog/'\ntitle = 'x'\n",
            ),
            ("layouts/_default/single.html", "{{ .Content }}"),
            ("layouts/_default/list.html", "{{ .Content }}"),
            (
                "content/posts/single.md",
                "---\ntitle: Single\n---\nText.\n",
            ),
            (
                "content/posts/bundle/index.md",
                "---\ntitle: Bundle\n---\nText.\n",
            ),
        ],
    );
    let single = add(&site, "content/posts/single.md", &image);
    assert_eq!(single["post"], "content/posts/single/index.md");
    assert_eq!(single["moved_from"], "content/posts/single.md");
    assert_eq!(single["url"], "/blog/posts/single/flow-chart-liu-cheng.png");
    append(
        &site,
        single["post"].as_str().unwrap(),
        single["markdown"].as_str().unwrap(),
    );
    let bundle = add(&site, "content/posts/bundle/index.md", &image);
    assert_eq!(bundle["post"], "content/posts/bundle/index.md");
    append(
        &site,
        "content/posts/bundle/index.md",
        bundle["markdown"].as_str().unwrap(),
    );

    let out = tmp.path().join("public");
    hugo_build(&site, &out);
    for (page, html, added) in [
        ("/blog/posts/single/", "posts/single/index.html", &single),
        ("/blog/posts/bundle/", "posts/bundle/index.html", &bundle),
    ] {
        let file = served_image(&out, "/blog/", page, html);
        assert_eq!(
            std::fs::read(&file).unwrap(),
            b"\x89PNG\r\n\x1a\n one",
            "{}",
            file.display()
        );
        assert_eq!(
            std::fs::read(site.join(added["stored"].as_str().unwrap())).unwrap(),
            b"\x89PNG\r\n\x1a\n one"
        );
    }
    // And the check agrees: nothing broken.
    assert_checks_clean(&site);
}

/// With `images.hugo_location = "static"` (and scaling and WebP on), a single-file post stays
/// put and its image goes to `static/images/<slug>/`, linked with the sub-path Hugo serves it
/// at; the built page's image is the stored (scaled, WebP) file.
#[test]
fn hugo_static_images_are_linked_under_the_sub_path_scaled_and_webp() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let photo = tmp.path().join("Wide Shot.png");
    let wide = image::RgbImage::from_fn(300, 100, |x, _| image::Rgb([(x % 256) as u8, 40, 90]));
    wide.save(&photo).unwrap();
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://example.org/blog/'\ntitle = 'x'\n",
            ),
            (
                ".inkstone.toml",
                "[images]\nhugo_location = \"static\"\nmax_width = 120\nwebp = true\n",
            ),
            ("layouts/_default/single.html", "{{ .Content }}"),
            ("layouts/_default/list.html", "{{ .Content }}"),
            (
                "content/posts/single.md",
                "---\ntitle: Single\n---\nText.\n",
            ),
        ],
    );
    let added = add(&site, "content/posts/single.md", &photo);
    assert_eq!(
        added["post"], "content/posts/single.md",
        "the post stays put"
    );
    assert_eq!(added["stored"], "static/images/single/wide-shot.webp");
    assert_eq!(added["url"], "/blog/images/single/wide-shot.webp");
    let stored = std::fs::read(site.join("static/images/single/wide-shot.webp")).unwrap();
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!(
        (img.width(), img.height()),
        (120, 40),
        "scaled to max_width"
    );
    append(
        &site,
        "content/posts/single.md",
        added["markdown"].as_str().unwrap(),
    );

    let out = tmp.path().join("public");
    hugo_build(&site, &out);
    let file = served_image(
        &out,
        "/blog/",
        "/blog/posts/single/",
        "posts/single/index.html",
    );
    assert_eq!(std::fs::read(&file).unwrap(), stored);
    assert_checks_clean(&site);
}

#[test]
fn jekyll_serves_the_image_where_relative_url_links_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    let image = tmp.path().join("Arch.PNG");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\n two").unwrap();
    write_all(
        &site,
        &[
            ("_config.yml", "title: x\nbaseurl: /blog\n"),
            (
                "_posts/2024-01-05-hello.md",
                "---\ntitle: Hello\n---\nText.\n",
            ),
        ],
    );
    let added = add(&site, "_posts/2024-01-05-hello.md", &image);
    assert_eq!(added["stored"], "assets/images/hello/arch.png");
    assert_eq!(
        added["markdown"],
        "![示意图]({{ '/assets/images/hello/arch.png' | relative_url }})"
    );
    assert_eq!(added["url"], "/blog/assets/images/hello/arch.png");
    append(
        &site,
        "_posts/2024-01-05-hello.md",
        added["markdown"].as_str().unwrap(),
    );
    let out = tmp.path().join("_site");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let status = Command::new("jekyll")
        .args(["build", "--safe", "--quiet", "-s"])
        .arg(&site)
        .arg("-d")
        .arg(&out)
        .env("JEKYLL_NO_BUNDLER_REQUIRE", "true")
        .env("HOME", &home)
        .status()
        .expect("jekyll (make test installs it)");
    assert!(status.success());
    let file = served_image(
        &out,
        "/blog/",
        "/blog/2024/01/05/hello.html",
        "2024/01/05/hello.html",
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"\x89PNG\r\n\x1a\n two");
}

/// Hexo (the real one, from npm): in the post's asset folder, linked by its name, and in
/// `source/images/` under `root` when there are no asset folders.
#[test]
fn hexo_serves_the_image_where_the_post_links_it() {
    for asset_folder in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("blog");
        let image = tmp.path().join("Arch.png");
        std::fs::write(&image, b"\x89PNG\r\n\x1a\n three").unwrap();
        write_all(
            &site,
            &[
                (
                    "_config.yml",
                    &format!(
                        "title: x\nurl: http://example.com/blog\ntheme: bare\npost_asset_folder: {asset_folder}\n"
                    ),
                ),
                // A theme of one layout (Hexo's own Nunjucks renderer): the post's HTML.
                ("themes/bare/layout/post.njk", "{{ page.content | safe }}"),
                (
                    "source/_posts/hello.md",
                    "---\ntitle: Hello\ndate: 2024-01-05 10:00:00\n---\nText.\n",
                ),
            ],
        );
        let added = add(&site, "source/_posts/hello.md", &image);
        let (stored, markdown) = if asset_folder {
            (
                "source/_posts/hello/arch.png",
                "![示意图](/2024/01/05/hello/arch.png)",
            )
        } else {
            ("source/images/arch.png", "![示意图](/images/arch.png)")
        };
        assert_eq!(
            (added["stored"].as_str(), added["markdown"].as_str()),
            (Some(stored), Some(markdown))
        );
        append(&site, "source/_posts/hello.md", markdown);
        let public = tmp.path().join("public");
        let status = Command::new(common::repo().join("tests/compat/hexo-dump.sh"))
            .arg(&site)
            .arg(tmp.path().join("dump.json"))
            .env("HEXO_DUMP_PUBLIC", &public)
            .env("TZ", "UTC")
            .status()
            .unwrap();
        assert!(status.success());
        let file = served_image(
            &public,
            "/blog/",
            "/blog/2024/01/05/hello/",
            "2024/01/05/hello/index.html",
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            b"\x89PNG\r\n\x1a\n three",
            "asset folder {asset_folder}"
        );
        // The check reads the page as Hexo renders it: nothing broken.
        assert_checks_clean(&site);
    }
}
