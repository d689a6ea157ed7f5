//! Splitting and parsing front matter: the body is byte-identical, errors name the line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_content::frontmatter::{Format, parse, split};

#[test]
fn body_is_byte_identical_for_every_format() {
    let cases = [
        ("---\ntitle: a\n---\nbody\n", Format::Yaml),
        ("---\r\ntitle: a\r\n---\r\nbody\r\n", Format::Yaml),
        ("+++\ntitle = \"a\"\n+++\nbody\n", Format::Toml),
        ("{\n  \"title\": \"a {b}\"\n}\nbody\n", Format::Json),
        ("\u{feff}---\ntitle: a\n...\nbody\n", Format::Yaml),
    ];
    for (text, format) in cases {
        let s = split(text, false).unwrap();
        assert_eq!(s.format, Some(format), "{text:?}");
        assert!(text.ends_with(s.body), "{text:?}");
        assert!(s.body.starts_with("body"), "{text:?} → {:?}", s.body);
        let map = parse(format, s.inner, 2).unwrap();
        assert_eq!(map["title"].as_str().unwrap().chars().next(), Some('a'));
    }
}

#[test]
fn hexo_json_and_open_yaml() {
    let s = split("\"title\": \"x\",\n\"tags\": [\"a\"]\n;;;\nbody", true).unwrap();
    assert_eq!(s.format, Some(Format::HexoJson));
    assert_eq!(parse(Format::HexoJson, s.inner, 1).unwrap()["tags"][0], "a");
    let s = split("title: x\ndate: 2024-01-01\n---\nbody", true).unwrap();
    assert_eq!(s.format, Some(Format::Yaml));
    assert_eq!(s.body, "body");
    // Outside Hexo a thematic break is just Markdown.
    assert_eq!(split("title: x\n---\nbody", false).unwrap().format, None);
    // In Hexo, prose before a rule is not front matter.
    assert_eq!(
        split(
            "Just a paragraph, with: colon and more words\n\nmore\n---\n",
            true
        )
        .unwrap()
        .format,
        None
    );
}

#[test]
fn no_front_matter_is_fine() {
    let s = split("# Title\n\ntext\n", false).unwrap();
    assert_eq!(s.format, None);
    assert_eq!(s.body, "# Title\n\ntext\n");
}

#[test]
fn errors_name_the_file_line() {
    let text = "---\ntitle: ok\ntags: [a, b\n---\n";
    let s = split(text, false).unwrap();
    let e = parse(Format::Yaml, s.inner, 2).unwrap_err();
    assert!(e.line >= 3, "{e:?}");
    let e = split("+++\ntitle = 1\n", false).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("never closed"));
    let e = parse(Format::Toml, "title = \"a\"\ndraft = yes\n", 2).unwrap_err();
    assert_eq!(e.line, 3, "{e:?}");
    let e = parse(Format::Json, "{\n\"a\": 1,\n}", 1).unwrap_err();
    assert_eq!(e.line, 3, "{e:?}");
    let e = parse(Format::Yaml, "- just\n- a list\n", 2).unwrap_err();
    assert!(e.message.contains("key-value"), "{e:?}");
}

#[test]
fn every_key_is_kept_in_order() {
    let map = parse(
        Format::Yaml,
        "zeta: 1\ntitle: t\nShowToc: true\ncover:\n  image: a.png\n",
        2,
    )
    .unwrap();
    let keys: Vec<_> = map.keys().cloned().collect();
    assert_eq!(keys, ["zeta", "title", "ShowToc", "cover"]);
    let map = parse(
        Format::Toml,
        "date = 2024-02-03T04:05:06Z\n[params]\nx = 1\n",
        2,
    )
    .unwrap();
    assert_eq!(map["date"], "2024-02-03T04:05:06Z");
    assert_eq!(map["params"]["x"], 1);
}
