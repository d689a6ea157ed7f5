//! Tags from the library's Tags tab in the real window: rename one across the blog, the
//! library and the files follow, and Undo takes it back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use inkstone_e2e::App;

const POSTS: [&str; 3] = [
    "content/posts/linux-tcp-congestion-ops.md",
    "content/posts/bbr-vs-brutal-notes.md",
    "content/posts/ebpf-tcp-retransmit-tracing/index.md",
];

fn tags_line(blog: &Path, rel: &str) -> String {
    let text = std::fs::read_to_string(blog.join(rel)).unwrap();
    let mut lines = text
        .lines()
        .skip_while(|l| !l.to_lowercase().starts_with("tags"));
    let first = lines.next().unwrap_or_default().to_string();
    let items: Vec<&str> = lines.take_while(|l| l.starts_with([' ', '-'])).collect();
    format!("{first} {}", items.join(" "))
}

#[tokio::test(flavor = "multi_thread")]
async fn renaming_a_tag_in_the_panel_rewrites_the_posts_and_undo_restores_them() {
    let app = App::start().await;
    let before: Vec<String> = POSTS
        .iter()
        .map(|p| std::fs::read_to_string(app.blog.join(p)).unwrap())
        .collect();
    for p in POSTS {
        assert!(tags_line(&app.blog, p).contains("tcp"), "{p}");
    }

    app.click("[data-testid=tab-tags]").await;
    let row = ".term[data-term=\"tcp\"]";
    app.hover(row).await;
    app.click(&format!("{row} [data-testid=term-rename]")).await;
    app.type_into("[data-testid=term-input]", "networking")
        .await;
    // The preview names the files before anything is written. Apply is enabled once the plan
    // of exactly what was typed is in (each keystroke plans again; until then it is disabled).
    app.wait_js(
        "const p = document.querySelector('[data-testid=term-preview]'); const a = document.querySelector('[data-testid=term-apply]'); return !!p && p.textContent.includes('3 file(s) will change') && !!a && !a.disabled;",
        "the list of files the rename will change",
    )
    .await;
    assert_eq!(
        before[0],
        std::fs::read_to_string(app.blog.join(POSTS[0])).unwrap()
    );
    app.click("[data-testid=term-apply]").await;
    app.wait_js(
        "const d = document.querySelector('[data-testid=terms-done]'); return !!d && d.textContent.includes('in 3 post(s)');",
        "the rename to be reported",
    )
    .await;
    for p in POSTS {
        let line = tags_line(&app.blog, p);
        assert!(
            line.contains("networking") && !line.contains("tcp"),
            "{p}: {line}"
        );
    }
    let tags = app
        .js("return [...document.querySelectorAll('.term')].map(e => e.dataset.term)")
        .await;
    let tags: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"networking") && !tags.contains(&"tcp"),
        "{tags:?}"
    );
    app.screenshot("tags").await;

    app.click("[data-testid=terms-undo]").await;
    app.wait_js(
        "return !!document.querySelector('.term[data-term=\"tcp\"]') && !document.querySelector('.term[data-term=\"networking\"]')",
        "the tag list to show tcp again",
    )
    .await;
    for (p, text) in POSTS.iter().zip(&before) {
        assert_eq!(
            &std::fs::read_to_string(app.blog.join(p)).unwrap(),
            text,
            "{p} restored byte for byte"
        );
    }

    // Clicking a tag filters the posts by it.
    app.click(".term[data-term=\"tcp\"] .term-name").await;
    app.wait_js(
        "return document.querySelector('[data-testid=library-filter]').value === '#tcp' && document.querySelectorAll('.post-list .post').length === 3",
        "the posts tagged tcp",
    )
    .await;
    app.close().await;
}
