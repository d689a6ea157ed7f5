//! Languages, translations and page addresses of Hugo sites, against the real `hugo`
//! (`tests/compat/`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::generators::{compare, ours, write_all};
use common::inkstone;

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

/// Jekyll's post addresses (`page.url | relative_url`) under the `permalink` styles and
/// patterns people use, with `baseurl`: folder and front-matter categories, a Chinese file
/// name, a front-matter `slug` and `permalink`, a `defaults` permalink and a draft.
#[test]
fn jekyll_urls_agree() {
    for (permalink, baseurl) in [
        ("pretty", ""),
        ("/:categories/:title/", "/sub"),
        ("/blog/:year/:i_month/:slug:output_ext", "sub/"),
        ("date", ""),
        ("/:year_:month/:name/", ""),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("blog");
        let config = format!(
            "title: t\npermalink: {permalink}\nbaseurl: \"{baseurl}\"\ntimezone: Asia/Shanghai\ndefaults:\n  - scope: {{path: \"notes/_posts\", type: posts}}\n    values: {{permalink: /notes/:title/}}\n"
        );
        let files = [
            ("_config.yml", config.as_str()),
            (
                "_posts/2024-01-05-hello-world.md",
                "---\ntitle: Hello\n---\nx\n",
            ),
            (
                "_posts/2024-02-10-Cats And Dogs!.md",
                "---\ntitle: C\ncategories: [Rust, Web Dev]\n---\nx\n",
            ),
            (
                "_posts/2024-03-01-你好世界.md",
                "---\ntitle: 你好\ncategory: 笔记 随想\n---\nx\n",
            ),
            (
                "tech/_posts/2024-04-02-slugged.md",
                "---\ntitle: S\nslug: My Own Slug\ndate: 2024-04-02 23:30:00 +0000\n---\nx\n",
            ),
            (
                "_posts/2024-05-06-fixed.md",
                "---\ntitle: F\npermalink: /fixed/:title.html\n---\nx\n",
            ),
            ("notes/_posts/2024-06-07-n.md", "---\ntitle: N\n---\nx\n"),
            (
                "_posts/2024-07-08-v1.2-notes.markdown",
                "---\ntitle: V\n---\nx\n",
            ),
            (
                "_drafts/a-draft.md",
                "---\ntitle: D\ndate: 2024-08-09 10:00:00 +0800\n---\nx\n",
            ),
        ];
        write_all(&site, &files);
        compare("jekyll-dump.sh", &site, 8);
    }
}

/// `inkstone info` says what was read: the configuration files in the order Hugo merges them
/// (the folder, the root file over it, a theme's under both), the languages and the counts.
#[test]
fn info_reports_what_was_read() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    write_all(
        &site,
        &[
            (
                "hugo.toml",
                "title = 'root'\ntheme = 'paper'\n[params]\nShowReadingTime = true\n",
            ),
            (
                "config/_default/hugo.toml",
                "baseURL = 'https://example.org/blog/'\ndefaultContentLanguage = 'zh'\ntitle = 'folder'\n",
            ),
            (
                "config/_default/languages.toml",
                "[zh]\nweight = 1\nlanguageName = '中文'\n[en]\nweight = 2\nlanguageName = 'English'\n",
            ),
            (
                "themes/paper/hugo.toml",
                "[params]\nauthor = 'Theme Default'\nShowReadingTime = false\n",
            ),
            ("content/posts/a.md", "---\ntitle: A\n---\n正文\n"),
            (
                "content/posts/a.en.md",
                "---\ntitle: A\ndraft: true\n---\nx\n",
            ),
        ],
    );
    let info: serde_json::Value =
        serde_json::from_str(&inkstone(&site, &["info", "--json"])).unwrap();
    assert_eq!(
        info["config_files"],
        serde_json::json!([
            "config/_default/hugo.toml",
            "config/_default/languages.toml",
            "hugo.toml",
            "themes/paper/hugo.toml"
        ])
    );
    assert_eq!(info["title"], "root", "the root file over the folder");
    assert_eq!(
        info["author"], "Theme Default",
        "the theme's params fill the gaps"
    );
    assert_eq!(info["base_path"], "/blog/");
    assert_eq!(info["default_language"], "zh");
    assert_eq!(info["languages"][1]["name"], "English");
    assert_eq!(
        info["posts_by_language"],
        serde_json::json!({"zh": 1, "en": 1})
    );
    assert_eq!(info["drafts"], 1);
    let text = inkstone(&site, &["info"]);
    assert!(
        text.contains("zh (中文, default, at the root), en (English)"),
        "{text}"
    );
    // The site's params over the theme's.
    write_all(
        &site,
        &[(
            "hugo.toml",
            "title = 'root'\ntheme = 'paper'\n[params]\nauthor = 'Site Author'\n",
        )],
    );
    let info: serde_json::Value =
        serde_json::from_str(&inkstone(&site, &["info", "--json"])).unwrap();
    assert_eq!(info["author"], "Site Author");
    // A theme outside the blog, by its name or by a symlinked config, is never read.
    write_all(
        tmp.path(),
        &[("outside/hugo.toml", "[params]\nauthor = 'LEAK'\n")],
    );
    for theme in ["../../outside", "../outside", "", "."] {
        write_all(
            &site,
            &[(
                "hugo.toml",
                &format!("title = 'x'\nthemesDir = 'themes'\ntheme = '{theme}'\n"),
            )],
        );
        let info: serde_json::Value =
            serde_json::from_str(&inkstone(&site, &["info", "--json"])).unwrap();
        assert_eq!(info["author"], serde_json::Value::Null, "theme = {theme:?}");
    }
    std::fs::create_dir_all(site.join("themes/linked")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        tmp.path().join("outside/hugo.toml"),
        site.join("themes/linked/hugo.toml"),
    )
    .unwrap();
    write_all(&site, &[("hugo.toml", "title = 'x'\ntheme = 'linked'\n")]);
    let info: serde_json::Value =
        serde_json::from_str(&inkstone(&site, &["info", "--json"])).unwrap();
    assert_eq!(info["author"], serde_json::Value::Null);
    assert!(
        !info["config_files"].to_string().contains("linked"),
        "{}",
        info["config_files"]
    );
}

/// Hexo's post addresses (`url_for(post.path)`), built by the real Hexo 7.3 from npm: the
/// default pattern under a sub-path, subfolders and a Chinese file name in `:title`, the
/// front matter's `permalink`, `:category` through `category_map`, `:post_title`,
/// `pretty_urls`, `new_post_name` with dates, `root` and `post_asset_folder`, and a draft.
#[test]
fn hexo_urls_agree() {
    for config in [
        "url: http://example.com/blog\n",
        "url: http://example.com\npermalink: :category/:post_title.html\npretty_urls:\n  trailing_html: false\ncategory_map:\n  Tech: tech\ndefault_category: misc\n",
        "url: http://example.com\nroot: /r/\nnew_post_name: :year-:month-:day-:title.md\npermalink: :year/:i_month/:i_day/:name/\npost_asset_folder: true\n",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("blog");
        let config = format!("title: t\n{config}");
        let post = |title: &str, extra: &str| {
            format!("---\ntitle: {title}\ndate: 2024-03-05 10:00:00\n{extra}---\nx\n")
        };
        let files = [
            ("_config.yml".to_string(), config),
            ("source/_posts/hello.md".into(), post("Hello, World", "")),
            (
                "source/_posts/2024/My Post.md".into(),
                post("My Post", "categories: [Tech, Linux]\n"),
            ),
            ("source/_posts/你好.md".into(), post("你好 世界", "")),
            (
                "source/_posts/2024-01-02-dated.md".into(),
                post("Dated", "categories: Notes\n"),
            ),
            (
                "source/_posts/fixed.md".into(),
                post("Fixed", "permalink: custom/x\n"),
            ),
            ("source/_drafts/draft.md".into(), post("A Draft", "")),
        ];
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        write_all(&site, &files);
        compare("hexo-dump.sh", &site, 6);
    }
}
