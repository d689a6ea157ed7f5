//! Math, Mermaid, shortcodes and a pasted diagram in the real window: drawn where the site
//! renders them (a post that asks for math, a Mermaid render hook), shown as their source
//! with a note where it does not; shortcodes never as raw braces.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use inkstone_e2e::App;

const POST: &str = "content/posts/cni-add-walkthrough/index.md";

const BODY: &str = r#"
The kubelet asks the runtime for a sandbox; the runtime calls the CNI plugin with `ADD`.

```mermaid
graph LR
  K[kubelet] --> C[containerd]
  C --> P[CNI plugin]
  P --> V[veth pair]
```

Each hop adds latency $t_i$, so a Pod waits

$$
T = \sum_{i=1}^{n} t_i + \frac{\text{RTT}}{2}
$$

{{< youtube dQw4w9WgXcQ >}}

The flow as a picture:
"#;

fn write_post(blog: &Path, math: bool) {
    let front = if math {
        "---\ntitle: \"CNI ADD, step by step\"\ndate: 2024-01-10T10:00:00+08:00\nmath: true\ntags: [\"kubernetes\", \"cni\"]\n---\n"
    } else {
        "---\ntitle: \"CNI ADD, step by step\"\ndate: 2024-01-10T10:00:00+08:00\ntags: [\"kubernetes\", \"cni\"]\n---\n"
    };
    let dir = blog.join("content/posts/cni-add-walkthrough");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.md"), format!("{front}{BODY}")).unwrap();
}

/// The sample blog with a Mermaid render hook (the Hugo docs' recipe) and a post that asks
/// for math in its front matter (PaperMod's).
fn renders_both(blog: &Path) {
    let hook = blog.join("layouts/_default/_markup");
    std::fs::create_dir_all(&hook).unwrap();
    std::fs::write(
        hook.join("render-codeblock-mermaid.html"),
        "<pre class=\"mermaid\">{{ .Inner | htmlEscape }}</pre>\n",
    )
    .unwrap();
    write_post(blog, true);
}

const IN_PREVIEW: &str = "const d = document.getElementById('preview').contentDocument;";

#[tokio::test]
async fn math_diagrams_shortcodes_and_a_pasted_diagram_preview_as_the_site_renders_them() {
    let app = App::start_with(renders_both, Vec::new()).await;
    app.open_post(POST).await;
    // Math as MathML, the Mermaid block drawn as an SVG of real size, the shortcode a card.
    app.wait_js(
        &format!("{IN_PREVIEW} const m = d.querySelector('.math-display math'); return !!m && !!m.querySelector('munderover, msubsup') && !!m.querySelector('mfrac') && d.querySelectorAll('math').length === 2"),
        "the formulas typeset",
    )
    .await;
    app.wait_js(
        &format!("{IN_PREVIEW} const s = d.querySelector('div.mermaid[data-drawn=\"yes\"] svg'); if (!s) return false; const b = s.getBoundingClientRect(); return b.width > 100 && b.height > 20 && [...s.querySelectorAll('text')].some(t => t.textContent.includes('containerd'))"),
        "the Mermaid diagram drawn",
    )
    .await;
    let shown = app
        .js(&format!("{IN_PREVIEW} return d.body.innerText"))
        .await;
    let shown = shown.as_str().unwrap();
    assert!(!shown.contains("{{"), "no raw braces: {shown}");
    assert!(!shown.contains("$$"), "no math source: {shown}");
    assert!(shown.contains("YouTube"), "{shown}");
    assert_eq!(
        app.js(&format!(
            "{IN_PREVIEW} return d.querySelectorAll('.site-note').length"
        ))
        .await,
        0
    );
    // A diagram pasted from the clipboard lands beside the post and shows.
    let png = include_bytes!("../fixtures/cni-add-flow.png");
    app.type_at_end("\n").await;
    app.js(&format!(
        "const u = new Uint8Array({}); const dt = new DataTransfer(); dt.items.add(new File([u], 'image.png', {{ type: 'image/png' }})); document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true, cancelable: true }})); return null",
        serde_json::to_string(&png.to_vec()).unwrap()
    ))
    .await;
    app.wait_js(
        &format!("{IN_PREVIEW} const i = [...d.querySelectorAll('img')].find(i => (i.getAttribute('src') || '').includes('image-')); if (!i || !i.complete || i.naturalWidth !== 760) return false; i.scrollIntoView({{block: 'end'}}); return true"),
        "the pasted diagram shown in the preview",
    )
    .await;
    let stored: Vec<String> = std::fs::read_dir(app.blog.join("content/posts/cni-add-walkthrough"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png"))
        .collect();
    assert_eq!(stored.len(), 1, "{stored:?}");
    app.settle_preview().await;
    app.screenshot("diagrams").await;
    app.close().await;
}

#[tokio::test]
async fn a_site_that_renders_neither_shows_the_source_with_a_note() {
    let app = App::start_with(|blog| write_post(blog, false), Vec::new()).await;
    app.open_post(POST).await;
    app.wait_js(
        &format!("{IN_PREVIEW} return d.querySelectorAll('.site-note').length === 2"),
        "a note above the math and the diagram",
    )
    .await;
    let shown = app
        .js(&format!("{IN_PREVIEW} return d.body.innerText"))
        .await;
    let shown = shown.as_str().unwrap();
    assert!(shown.contains("$$"), "the math as typed: {shown}");
    assert!(shown.contains("graph LR"), "the diagram as code: {shown}");
    assert!(!shown.contains("{{"), "still no raw braces: {shown}");
    assert_eq!(
        app.js(&format!(
            "{IN_PREVIEW} return d.querySelectorAll('math, svg').length"
        ))
        .await,
        0
    );
    app.close().await;
}
