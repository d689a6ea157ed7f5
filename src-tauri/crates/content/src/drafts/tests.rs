use crate::Blog;

fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Blog) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let blog = Blog::open(dir.path()).unwrap();
    (dir, blog)
}

#[test]
fn hugo_flips_the_key_and_nothing_else() {
    let (_d, blog) = site(&[
        ("hugo.toml", "title = 'x'\n"),
        (
            "content/posts/a.md",
            "---\ntitle: A # keep\ndate: 2024-01-02\n---\nbody\n",
        ),
        (
            "content/posts/b.md",
            "+++\ntitle = 'B'\ndraft = true\n+++\nbody\n",
        ),
    ]);
    let c = blog.plan_draft("content/posts/a.md", true).unwrap();
    assert_eq!(c.to, c.from);
    assert_eq!(
        c.after,
        "---\ntitle: A # keep\ndate: 2024-01-02\ndraft: true\n---\nbody\n"
    );
    let c = blog.plan_draft("content/posts/b.md", false).unwrap();
    assert_eq!(c.after, "+++\ntitle = 'B'\ndraft = false\n+++\nbody\n");
    blog.apply_draft(&c).unwrap();
    assert_eq!(
        blog.read_post("content/posts/b.md").unwrap().post.status,
        crate::Status::Published
    );
}

#[test]
fn jekyll_moves_between_drafts_and_dated_posts() {
    let (d, blog) = site(&[
        ("_config.yml", "title: x\n"),
        ("_posts/2024-03-02-tcp.md", "---\ntitle: TCP\n---\nbody\n"),
        (
            "_drafts/ebpf.md",
            "---\ntitle: eBPF\ndate: 2024-05-06 10:00:00\n---\nbody\n",
        ),
    ]);
    let c = blog.plan_draft("_posts/2024-03-02-tcp.md", true).unwrap();
    assert_eq!(c.to, "_drafts/tcp.md");
    assert!(
        c.after.contains("date: 2024-03-02\n"),
        "the file name's date is kept: {}",
        c.after
    );
    blog.apply_draft(&c).unwrap();
    assert!(!d.path().join("_posts/2024-03-02-tcp.md").exists());
    assert!(blog.read_post("_drafts/tcp.md").unwrap().post.draft);

    let c = blog.plan_draft("_drafts/ebpf.md", false).unwrap();
    assert_eq!(c.to, "_posts/2024-05-06-ebpf.md");
    assert_eq!(c.after, c.before, "front matter already had its date");
    blog.apply_draft(&c).unwrap();
    assert!(
        !blog
            .read_post("_posts/2024-05-06-ebpf.md")
            .unwrap()
            .post
            .draft
    );
}

#[test]
fn hexo_moves_between_source_folders_and_never_overwrites() {
    let (_d, blog) = site(&[
        ("_config.yml", "title: x\nsource_dir: source\n"),
        ("package.json", "{\"dependencies\": {\"hexo\": \"7\"}}"),
        ("source/_drafts/io.md", "---\ntitle: io_uring\n---\nbody\n"),
        ("source/_posts/io.md", "---\ntitle: taken\n---\nbody\n"),
    ]);
    let c = blog.plan_draft("source/_drafts/io.md", false).unwrap();
    assert_eq!(c.to, "source/_posts/io.md");
    assert!(c.after.contains("\ndate: "), "{}", c.after);
    assert!(matches!(blog.apply_draft(&c), Err(crate::Error::Exists(_))));
    assert!(blog.root().join("source/_drafts/io.md").exists());
}
