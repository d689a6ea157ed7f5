//! Finding posts in the real window: the library's filter also searches the text (Chinese
//! inside a sentence), and a scheduled post says why the site will not show it yet.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn the_filter_finds_words_inside_the_text_and_opens_the_post() {
    let app = App::start().await;
    app.type_into("[data-testid=library-filter]", "调谐").await;
    let hit = ".post.hit[data-path=\"content/posts/k8s-controller-reconcile-loop.md\"]";
    app.wait_js(
        &format!("const h = document.querySelector({hit:?}); return !!h && h.querySelector('.snippet').textContent.includes('调谐');"),
        "a body match with its snippet",
    )
    .await;
    app.click(hit).await;
    app.wait_js(
        "return document.querySelector('[data-testid=fm-title]').value.includes('Reconcile')",
        "the post to open",
    )
    .await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scheduled_post_says_the_site_leaves_it_out() {
    let app = App::start().await;
    // The newest post, opened at start, is the scheduled one.
    app.wait_js(
        "return document.querySelector('[data-testid=fm-title]').value.includes('errgroup')",
        "the scheduled post to be open",
    )
    .await;
    app.wait_js(
        "return document.querySelector('.status .notice').textContent.includes('in the future')",
        "the scheduled notice",
    )
    .await;
    app.close().await;
}
