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
