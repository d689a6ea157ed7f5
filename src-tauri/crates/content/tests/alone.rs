//! A Markdown file that belongs to no blog, opened alone: it is the one post, read as plain
//! CommonMark + GFM, and the one file that may be written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_content::{Blog, Error};

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "---\ntitle: 笔记 Notes\ntags: [go]\n---\n# Heading\n\n中文内容 and English words.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("other.md"), "# Other\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/deep.md"), "# Deep\n").unwrap();
    dir
}

#[test]
fn the_file_is_the_only_post_and_reads_with_its_front_matter() {
    let dir = folder();
    let blog = Blog::alone(dir.path().join("notes.md")).unwrap();
    assert_eq!(blog.alone_file(), Some("notes.md"));
    assert_eq!(blog.root(), dunce::canonicalize(dir.path()).unwrap());
    let posts = blog.posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(posts[0].path, "notes.md");
    assert_eq!(posts[0].title, "笔记 Notes");
    assert_eq!(posts[0].tags, vec!["go".to_string()]);
    // Chinese counts by character, English by word, as the status bar says.
    // (the heading's word, four characters, three words).
    assert_eq!(posts[0].words, 1 + 4 + 3);
}

#[test]
fn only_the_file_itself_is_writable() {
    let dir = folder();
    let blog = Blog::alone(dir.path().join("notes.md")).unwrap();
    assert!(blog.writable("notes.md").is_ok());
    assert!(blog.read_post("notes.md").is_ok());
    // Not even where a Hugo site keeps its posts and images: the folder is no blog.
    for other in [
        "other.md",
        "sub/deep.md",
        "new.md",
        "image.png",
        "content/posts/x.md",
        "static/x.png",
    ] {
        let err = blog.writable(other).unwrap_err();
        assert!(
            err.to_string().contains("only the file opened alone"),
            "{other}: {err}"
        );
        let err = blog.read_post(other).unwrap_err();
        assert!(
            err.to_string().contains("only the file opened alone"),
            "{other}: {err}"
        );
    }
    let err = blog.writable("../notes.md").unwrap_err();
    assert!(matches!(err, Error::Refused { .. }), "{err}");
}

#[test]
fn what_is_not_a_markdown_file_is_refused_with_its_name() {
    let dir = folder();
    std::fs::write(dir.path().join("config.toml"), "title = 'x'\n").unwrap();
    std::fs::write(dir.path().join(".hidden.md"), "# h\n").unwrap();
    for bad in ["config.toml", "sub", "missing.md", ".hidden.md"] {
        let err = Blog::alone(dir.path().join(bad)).unwrap_err();
        assert!(err.to_string().contains(bad), "{bad}: {err}");
    }
}
