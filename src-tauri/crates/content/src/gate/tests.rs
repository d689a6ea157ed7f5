use super::*;

fn hugo_blog() -> (tempfile::TempDir, Blog) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("blog");
    std::fs::create_dir_all(root.join("content/posts/bundle")).unwrap();
    std::fs::create_dir_all(root.join("static/images")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("outside")).unwrap();
    std::fs::write(root.join("hugo.toml"), "title = 'T'\n").unwrap();
    std::fs::write(root.join("content/posts/a.md"), "---\ntitle: A\n---\nhi\n").unwrap();
    let blog = Blog::open(&root).unwrap();
    (dir, blog)
}

/// Paths that must never pass either gate, with the words the refusal must use.
const HOSTILE: &[(&str, &str)] = &[
    ("", "empty"),
    ("../outside/x.md", "`..`"),
    ("content/posts/../../../outside/x.md", "`..`"),
    ("content\\..\\..\\outside\\x.md", "`..`"),
    ("/etc/passwd", "absolute"),
    ("\\\\server\\share\\x.md", "absolute"),
    ("C:/Users/x.md", "drive"),
    ("c:x.md", "drive"),
    (".git/config", ".git/"),
    (".GIT/hooks/pre-commit.md", ".git/"),
    ("content/.git/x.md", ".git/"),
    (".git./config", ".git/"),
    (".g\u{200c}it/config", ".git/"),
    ("git~1/config", ".git/"),
    ("content/posts/a\0.md", "NUL"),
    (".", "blog folder itself"),
    ("./", "blog folder itself"),
];

#[test]
fn hostile_paths_are_refused_by_both_gates_and_named() {
    let (_dir, blog) = hugo_blog();
    for (path, words) in HOSTILE {
        for result in [blog.inside(path), blog.writable(path)] {
            let err = result.expect_err(path).to_string();
            assert!(err.contains(words), "{path:?}: {err}");
            assert!(err.contains("refused"), "{path:?}: {err}");
        }
    }
}

#[test]
fn ordinary_paths_pass_and_come_out_with_slashes() {
    let (_dir, blog) = hugo_blog();
    for (given, want) in [
        ("content/posts/a.md", "content/posts/a.md"),
        ("./content//posts/./a.md", "content/posts/a.md"),
        ("content\\posts\\new.md", "content/posts/new.md"),
        (
            "content/posts/bundle/index.md",
            "content/posts/bundle/index.md",
        ),
        ("content/posts/新文章.md", "content/posts/新文章.md"),
        ("content/posts/gone/index.md", "content/posts/gone/index.md"),
    ] {
        assert_eq!(blog.writable(given).unwrap().as_str(), want);
    }
}

#[test]
fn only_posts_and_images_in_the_generators_folders_are_writable() {
    let (_dir, blog) = hugo_blog();
    for ok in [
        "content/posts/b.md",
        "content/posts/bundle/diagram.PNG",
        "static/images/x.svg",
        "assets/images/y.webp",
        "content/resources/links.md",
        "content/themes/a-post-about-themes.md",
    ] {
        assert!(blog.writable(ok).is_ok(), "{ok}");
    }
    for (bad, words) in [
        (".github/workflows/pages.yml", "not a post"),
        (".github/workflows/x.md", "hidden"),
        ("hugo.toml", "not a post"),
        ("content/posts/run.sh", "not a post"),
        ("layouts/_default/single.html", "not a post"),
        ("README.md", "outside the folders"),
        ("static/notes.md", "outside the folders"),
        ("themes/PaperMod/content/x.md", "outside the folders"),
        ("content/posts/.inkstone/x.md", "hidden"),
        ("content/posts/.hidden.md", "hidden"),
        ("content/posts/node_modules/x.md", "outside the folders"),
    ] {
        let err = blog.writable(bad).expect_err(bad).to_string();
        assert!(err.contains(words), "{bad}: {err}");
        // Reading them is another matter: inside the blog, they can be read.
        assert!(blog.inside(bad).is_ok(), "{bad}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_that_leaves_the_blog_is_refused_one_inside_is_followed() {
    let (dir, blog) = hugo_blog();
    let outside = dir.path().join("outside");
    std::fs::write(outside.join("victim.md"), "original").unwrap();
    std::os::unix::fs::symlink(&outside, blog.root().join("content/posts/out")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("victim.md"),
        blog.root().join("content/posts/v.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        blog.root().join("content/posts/bundle"),
        blog.root().join("content/posts/alias"),
    )
    .unwrap();
    for bad in [
        "content/posts/out/victim.md",
        "content/posts/out/new.md",
        "content/posts/v.md",
    ] {
        for result in [blog.inside(bad), blog.writable(bad)] {
            let err = result.expect_err(bad).to_string();
            assert!(err.contains("symlink"), "{bad}: {err}");
        }
    }
    assert!(blog.writable("content/posts/alias/index.md").is_ok());
}

#[test]
fn config_folders_outside_the_blog_are_refused_at_open() {
    for (config, key) in [
        ("contentDir = '/tmp'\n", "contentDir"),
        ("contentDir = '../elsewhere'\n", "contentDir"),
        ("staticDir = ['static', '../../home']\n", "staticDir"),
        // A language's own content folder is a config path too.
        (
            "[languages.en]\ncontentDir = '../outside'\n",
            "languages.en.contentDir",
        ),
        (
            "[languages.fr]\ncontentDir = '/etc'\n",
            "languages.fr.contentDir",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("hugo.toml"), config).unwrap();
        let err = Blog::open(dir.path()).expect_err(config).to_string();
        assert!(
            err.contains(key) && err.contains("refused"),
            "{config}: {err}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("source/_posts")).unwrap();
    std::fs::write(
        dir.path().join("_config.yml"),
        "new_post_name: ../../:title.md\n",
    )
    .unwrap();
    let err = Blog::open(dir.path()).expect_err("hexo").to_string();
    assert!(err.contains("new_post_name"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_blog_is_checked_where_it_leads() {
    let (_dir, blog) = hugo_blog();
    let posts = blog.root().join("content/posts");
    std::fs::write(blog.root().join(".git/config"), "[core]\n").unwrap();
    std::fs::write(blog.root().join("README.md"), "readme").unwrap();
    // Into .git/: refused for reading and writing, however it is reached.
    std::os::unix::fs::symlink("../../.git/config", posts.join("c.md")).unwrap();
    std::os::unix::fs::symlink("../../.git", posts.join("g")).unwrap();
    for bad in ["content/posts/c.md", "content/posts/g/x.md"] {
        for result in [blog.inside(bad), blog.writable(bad)] {
            let err = result.expect_err(bad).to_string();
            assert!(err.contains(".git/"), "{bad}: {err}");
        }
    }
    // To the blog's root: reading is fine, writing README.md is not (not a post folder).
    std::os::unix::fs::symlink("../..", posts.join("r")).unwrap();
    assert!(blog.inside("content/posts/r/README.md").is_ok());
    let err = blog
        .writable("content/posts/r/README.md")
        .expect_err("root");
    assert!(err.to_string().contains("outside the folders"), "{err}");
    // A symlinked post is written where it points, the link kept.
    std::os::unix::fs::symlink("a.md", posts.join("alias.md")).unwrap();
    let p = blog.writable("content/posts/alias.md").unwrap();
    assert_eq!(p.as_str(), "content/posts/alias.md");
    assert_eq!(p.real(), "content/posts/a.md");
    assert_eq!(blog.file(&p), blog.root().join("content/posts/a.md"));
}
