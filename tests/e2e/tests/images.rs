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

const DROP_POST: &str = "content/posts/ebpf-tcp-retransmit-tracing/index.md";

/// A file dragged from another application (a GTK window offering it as a `text/uri-list`,
/// as a file manager does) and dropped on the editor through the window system: it lands
/// beside the post under a URL-safe name, its Markdown goes in on the line it fell on, and
/// the preview shows it.
#[tokio::test]
async fn a_file_dropped_from_another_application_lands_beside_the_post_where_it_fell() {
    let app = App::start().await;
    app.open_post(DROP_POST).await;
    let file = app.blog.parent().unwrap().join("CNI Add Flow.png");
    std::fs::write(&file, include_bytes!("../fixtures/cni-add-flow.png")).unwrap();
    // The drop point: the start of the editor's fourth visible line (its first row: a long
    // line wraps), on the screen.
    let target = app
        .js("const l = [...document.querySelectorAll('.cm-line')][3]; const r = l.getBoundingClientRect(); return [Math.round(window.screenX + r.left + 4), Math.round(window.screenY + (window.outerHeight - window.innerHeight) + r.top + 8), l.textContent]")
        .await;
    let (x, y) = (target[0].as_i64().unwrap(), target[1].as_i64().unwrap());
    let line_text = target[2].as_str().unwrap().to_string();
    let mut source = tokio::process::Command::new("/usr/bin/python3")
        .arg(inkstone_e2e::repo().join("tests/e2e/tools/drag-source.py"))
        .arg(&file)
        .args(["1250", "780"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("python3 with GTK (make deps-e2e installs python3-gi)");
    let mut out = tokio::io::BufReader::new(source.stdout.take().unwrap());
    let mut ready = String::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(15),
        tokio::io::AsyncBufReadExt::read_line(&mut out, &mut ready),
    )
    .await
    .expect("the drag source's window")
    .unwrap();
    assert_eq!(ready.trim(), "ready");
    // Press on the source, move in steps (GTK starts a drag after a few pixels), let go over
    // the editor.
    let status = tokio::process::Command::new("xdotool")
        .args(["mousemove", "1290", "800", "mousedown", "1"])
        .args([
            "mousemove",
            "1280",
            "795",
            "sleep",
            "0.2",
            "mousemove",
            "1200",
            "700",
        ])
        .args(["sleep", "0.2"])
        .args([
            "mousemove",
            &(x + 20).to_string(),
            &y.to_string(),
            "sleep",
            "0.3",
        ])
        .args([
            "mousemove",
            &x.to_string(),
            &y.to_string(),
            "sleep",
            "0.5",
            "mouseup",
            "1",
        ])
        .status()
        .await
        .expect("xdotool (make deps-e2e installs it)");
    assert!(status.success());
    app.wait_js(
        "return (document.querySelector('.cm-content').innerText || '').includes('](cni-add-flow.png)')",
        "the dropped image's Markdown in the editor",
    )
    .await;
    assert_eq!(
        std::fs::read(
            app.blog
                .join("content/posts/ebpf-tcp-retransmit-tracing/cni-add-flow.png")
        )
        .unwrap(),
        include_bytes!("../fixtures/cni-add-flow.png"),
        "stored beside the post, byte for byte (no EXIF to strip)"
    );
    // On the line it fell on: the Markdown is where that line's text was.
    let lines = app
        .js("return [...document.querySelectorAll('.cm-line')].map(l => l.textContent)")
        .await;
    let lines: Vec<&str> = lines
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
        .collect();
    let at = lines
        .iter()
        .position(|l| l.contains("](cni-add-flow.png)"))
        .unwrap();
    assert!(
        lines[at].starts_with("![](cni-add-flow.png)") && lines[at].ends_with(line_text.as_str()),
        "inserted at the start of the line it fell on ({line_text:?}): {:?}",
        lines[at]
    );
    app.wait_js(
        "const d = document.getElementById('preview').contentDocument; const i = d && [...d.querySelectorAll('img')].find(i => (i.getAttribute('src') || '').includes('cni-add-flow')); return !!i && i.complete && i.naturalWidth === 760",
        "the dropped image shown in the preview",
    )
    .await;
    app.close().await;
}
