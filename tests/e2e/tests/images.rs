//! Putting an image into a post in the real window: a pasted image lands where the built site
//! will serve it (a single-file Hugo post becomes a bundle), its Markdown goes in at the caret,
//! and the preview shows it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_e2e::App;

const POST: &str = "content/posts/rust-threads-channels-backpressure.md";
const BUNDLE: &str = "content/posts/rust-threads-channels-backpressure/index.md";
/// A 1×1 PNG.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

#[tokio::test]
async fn a_pasted_image_is_stored_in_the_post_s_bundle_and_shows_in_the_preview() {
    let app = App::start().await;
    app.open_post(POST).await;
    app.type_at_end("\nThe pipeline:\n").await;
    // What the system clipboard hands the page for a copied screenshot: one image file.
    app.js(&format!(
        "const b = atob('{PNG}'); const u = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) u[i] = b.charCodeAt(i); const dt = new DataTransfer(); dt.items.add(new File([u], 'image.png', {{ type: 'image/png' }})); document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true, cancelable: true }})); return null"
    ))
    .await;
    app.wait_js(
        &format!("return document.querySelector('li.post.active')?.dataset.path === '{BUNDLE}' && (document.querySelector('.cm-content').innerText || '').includes('![](image-')"),
        "the post reopened as a bundle with the image's Markdown at the caret",
    )
    .await;
    let folder = app
        .blog
        .join("content/posts/rust-threads-channels-backpressure");
    let images: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("image-") && n.ends_with(".png"))
        .collect();
    assert_eq!(images.len(), 1, "{images:?}");
    assert!(
        !app.blog.join(POST).exists(),
        "the single file became the bundle"
    );
    // The Markdown went in after the typed line, and the preview loads the image.
    let text = app
        .js("return document.querySelector('.cm-content').innerText")
        .await;
    assert!(
        text.as_str()
            .unwrap()
            .contains(&format!("The pipeline:\n![]({})", images[0])),
        "{text}"
    );
    app.wait_js(
        "const d = document.getElementById('preview').contentDocument; const i = d && [...d.querySelectorAll('img')].find(i => (i.getAttribute('src') || '').includes('image-')); return !!i && i.complete && i.naturalWidth > 0",
        "the pasted image shown in the preview",
    )
    .await;
    app.close().await;
}
