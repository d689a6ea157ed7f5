//! The library's list kept up to date file by file: after each kind of change on disk, the
//! refreshed list is the list a fresh read of the whole blog gives.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use inkstone_content::Blog;
use inkstone_content::listing::{Listing, Refreshed};
use jiff::Timestamp;

/// The list as JSON, at one moment: what the library shows.
fn shown(posts: &[inkstone_content::Post]) -> serde_json::Value {
    serde_json::to_value(posts).unwrap()
}

fn same_as_fresh(listing: &mut Listing, blog: &Blog) {
    let now = Timestamp::now();
    assert_eq!(
        shown(&listing.posts_at(blog, now)),
        shown(&blog.posts_at(now))
    );
}

fn write(root: &Path, rel: &str, text: &str) {
    let file = root.join(rel);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

#[test]
fn each_kind_of_change_leaves_the_list_a_fresh_read_gives() {
    let (_tmp, root) = common::copy("posts");
    let blog = Blog::open(&root).unwrap();
    let mut listing = Listing::read(&blog);
    same_as_fresh(&mut listing, &blog);
    let before = listing.len();

    // An edit in another editor: only that file is read again.
    let edited = "content/posts/bbr-vs-brutal-notes.md";
    let text = std::fs::read_to_string(root.join(edited)).unwrap();
    write(
        &root,
        edited,
        &text.replacen("title:", "title: 改过的标题 Edited —", 1),
    );
    assert_eq!(
        listing.refresh(&blog, &[edited.into()]),
        Refreshed::Files(1)
    );
    assert!(
        listing
            .posts(&blog)
            .iter()
            .any(|p| p.title.starts_with("改过的标题 Edited"))
    );
    same_as_fresh(&mut listing, &blog);

    // Files that are no post (an image, a config): nothing is read.
    write(&root, "static/images/new.png", "png");
    assert_eq!(
        listing.refresh(&blog, &["static/images/new.png".into()]),
        Refreshed::Files(0)
    );

    // A new post (a `git pull`): the files are listed again, the new one read.
    write(
        &root,
        "content/posts/pulled.md",
        "---\ntitle: Pulled\ndate: 2024-07-01T10:00:00+08:00\ntags: [git]\n---\nFrom the remote.\n",
    );
    assert_eq!(
        listing.refresh(&blog, &["content/posts/pulled.md".into()]),
        Refreshed::Rescanned
    );
    assert_eq!(listing.len(), before + 1);
    same_as_fresh(&mut listing, &blog);

    // A Markdown file in a bundle is the bundle's resource, not a page.
    let bundle = "content/posts/ebpf-tcp-retransmit-tracing";
    write(&root, &format!("{bundle}/notes.md"), "# resource\n");
    listing.refresh(&blog, &[format!("{bundle}/notes.md")]);
    assert_eq!(listing.len(), before + 1);
    same_as_fresh(&mut listing, &blog);

    // A bundle folder renamed: its page moves.
    std::fs::rename(root.join(bundle), root.join("content/posts/ebpf-renamed")).unwrap();
    assert_eq!(
        listing.refresh(&blog, &[bundle.into(), "content/posts/ebpf-renamed".into()]),
        Refreshed::Rescanned
    );
    same_as_fresh(&mut listing, &blog);

    // An edit of a bundle's page is that page's alone.
    let page = "content/posts/ebpf-renamed/index.md";
    let text = std::fs::read_to_string(root.join(page)).unwrap();
    write(
        &root,
        page,
        &text.replacen("title:", "title: Bundle edited —", 1),
    );
    assert_eq!(listing.refresh(&blog, &[page.into()]), Refreshed::Files(1));
    same_as_fresh(&mut listing, &blog);

    // A new bundle: its other Markdown files become its resources.
    write(
        &root,
        "content/posts/series/part-1.md",
        "---\ntitle: Part 1\n---\none\n",
    );
    listing.refresh(&blog, &["content/posts/series/part-1.md".into()]);
    same_as_fresh(&mut listing, &blog);
    write(
        &root,
        "content/posts/series/index.md",
        "---\ntitle: Series\n---\nall\n",
    );
    assert_eq!(
        listing.refresh(&blog, &["content/posts/series/index.md".into()]),
        Refreshed::Whole
    );
    assert!(
        !listing
            .posts(&blog)
            .iter()
            .any(|p| p.path.ends_with("part-1.md"))
    );
    same_as_fresh(&mut listing, &blog);

    // A post removed.
    std::fs::remove_file(root.join("content/posts/pulled.md")).unwrap();
    assert_eq!(
        listing.refresh(&blog, &["content/posts/pulled.md".into()]),
        Refreshed::Files(0)
    );
    // (the series bundle is the one more)
    assert_eq!(listing.len(), before + 1);
    same_as_fresh(&mut listing, &blog);

    // A section made (`_index.md`): addresses may change, so everything is read again.
    write(&root, "content/posts/_index.md", "---\ntitle: Posts\n---\n");
    assert_eq!(
        listing.refresh(&blog, &["content/posts/_index.md".into()]),
        Refreshed::Whole
    );
    same_as_fresh(&mut listing, &blog);
}

#[test]
fn a_scheduled_post_goes_live_with_the_clock_without_being_read_again() {
    let (_tmp, root) = common::copy("posts");
    write(
        &root,
        "content/posts/tomorrow.md",
        "---\ntitle: Tomorrow\ndate: 2030-01-01T00:00:00Z\n---\nSoon.\n",
    );
    let blog = Blog::open(&root).unwrap();
    let mut listing = Listing::read(&blog);
    let mut status = |now: Timestamp| {
        listing
            .posts_at(&blog, now)
            .into_iter()
            .find(|p| p.path == "content/posts/tomorrow.md")
            .map(|p| p.status)
    };
    let before: Timestamp = "2029-12-31T23:59:00Z".parse().unwrap();
    let after: Timestamp = "2030-01-01T00:01:00Z".parse().unwrap();
    assert_eq!(status(before), Some(inkstone_content::Status::Scheduled));
    assert_eq!(status(after), Some(inkstone_content::Status::Published));
    for now in [before, after] {
        assert_eq!(
            shown(&listing.posts_at(&blog, now)),
            shown(&blog.posts_at(now))
        );
    }
}

#[test]
fn translations_are_linked_as_a_fresh_read_links_them() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "hugo.toml",
        "title = 'Two'\ndefaultContentLanguage = 'zh'\n[languages.zh]\nweight = 1\n[languages.en]\nweight = 2\n",
    );
    let page =
        |title: &str| format!("---\ntitle: {title}\ndate: 2024-05-01T10:00:00Z\n---\nbody\n");
    write(root, "content/posts/tcp.md", &page("拥塞控制"));
    write(root, "content/posts/tcp.en.md", &page("Congestion control"));
    write(root, "content/posts/alone.md", &page("独篇"));
    let blog = Blog::open(root).unwrap();
    let mut listing = Listing::read(&blog);
    same_as_fresh(&mut listing, &blog);
    // A translation added later pairs with its original.
    write(root, "content/posts/alone.en.md", &page("On its own"));
    listing.refresh(&blog, &["content/posts/alone.en.md".into()]);
    let posts = listing.posts(&blog);
    let alone = posts
        .iter()
        .find(|p| p.path == "content/posts/alone.md")
        .unwrap();
    assert_eq!(alone.translations, ["content/posts/alone.en.md"]);
    same_as_fresh(&mut listing, &blog);
}
