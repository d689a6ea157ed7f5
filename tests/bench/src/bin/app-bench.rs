//! The app measured in its real window (WebKitGTK under Xvfb, driven through tauri-driver and
//! WebKitWebDriver): keystroke → preview painted on the 20 KB and the 1 MB post (p50, p95;
//! the page measures from the key's event time to the end of the frame showing the patch),
//! keystroke → editor painted (the echo: from the key's event time to the end of the frame
//! after the editor's change), the same two on the JavaScript peer (tests/bench/peers/editor.mjs:
//! CodeMirror 6 + markdown-it + highlight.js with a block cache) run in the same window,
//! the echo of a bare `<textarea>` in the same window (the floor: WebDriver's key, the page's
//! event and one painted frame, with nothing of an editor), a pasted 4,000 × 3,000 photo to the preview showing it (scaled down and as is), the
//! start of a fresh process to a window showing a post ready to edit, on the sample blog and
//! on a 10,000-post one (and, as its floor,
//! WebKitGTK's MiniBrowser started fresh until a small page has painted), and the idle memory
//! of the whole process tree (the app and its WebKit processes); cold start, typing on the
//! 20 KB post and memory again with WebKit's accelerated compositing on (the app turns it
//! off), and WebKit's MiniBrowser with it on and off. Writes
//! `target/bench/app.json` for `bench-report`.
//!
//! The app is `INKSTONE_APP` (`make bench` builds and passes the release build).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use inkstone_e2e::App;
use serde_json::{Value, json};

const KEYS: usize = 120;
const STARTS: usize = 8;
const LONG: &str = "content/posts/bench-1mb.md";
const PHOTOS: &str = "content/posts/bench-photos/index.md";
const PASTES: usize = 5;
const MEDIUM: &str = "content/posts/k8s-cpu-limits-to-cfs-bandwidth.md";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn summary(mut v: Vec<f64>) -> Value {
    v.sort_by(|a, b| a.total_cmp(b));
    json!({ "p50": percentile(&v, 0.5), "p95": percentile(&v, 0.95), "max": v.last(), "n": v.len() })
}

fn write_long_post(blog: &Path) {
    let text = format!(
        "---\ntitle: \"1 MB 长文 benchmark\"\ndate: 2024-05-01\n---\n{}",
        inkstone_bench::post_1m()
    );
    std::fs::write(blog.join(LONG), text).unwrap();
}

/// The long post, and a bundle post for pasting photos into.
fn setup(blog: &Path) {
    write_long_post(blog);
    let dir = blog.join("content/posts/bench-photos");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.md"),
        "---\ntitle: \"Photos\"\ndate: 2020-01-01\n---\nPhotos:\n",
    )
    .unwrap();
}

/// Pastes a 4,000 × 3,000 photo (a new one each time) into the open post, `PASTES` times,
/// with the blog's `.inkstone.toml` set to `settings`; each time from the paste event to the
/// preview showing the image decoded, measured in the page (ms).
async fn pastes(app: &App, settings: &str, seed: u64) -> Vec<f64> {
    use base64::Engine;
    std::fs::write(app.blog.join(".inkstone.toml"), settings).unwrap();
    let mut out = Vec::new();
    for i in 0..PASTES {
        let photo = inkstone_bench::photo_jpeg(4000, 3000, seed + i as u64);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&photo);
        // The bytes are made before the clock starts.
        app.js(&format!(
            "const s = atob('{b64}'); const u = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i); window.__photo = u; return u.length"
        ))
        .await;
        app.type_at_end("\n").await;
        let v = app
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const d = document.getElementById('preview').contentDocument;
                 const shown = () => [...d.querySelectorAll('img')].filter((i) => i.complete && i.naturalWidth > 0).length;
                 const before = shown();
                 const dt = new DataTransfer();
                 dt.items.add(new File([window.__photo], 'image.jpg', { type: 'image/jpeg' }));
                 const t0 = performance.now();
                 document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
                 const tick = () => { if (shown() > before) done(performance.now() - t0); else requestAnimationFrame(tick); };
                 requestAnimationFrame(tick);",
                vec![],
            )
            .await
            .unwrap();
        out.push(v.as_f64().unwrap_or(f64::NAN));
    }
    out
}

/// The page typed into: Inkstone's window, or the JavaScript peer run in it
/// (`tests/bench/peers/editor.mjs`).
#[derive(Clone, Copy, PartialEq)]
enum Page {
    Inkstone,
    Peer,
    /// A bare `<textarea>` covering the window: the floor for a typed character to paint here.
    Floor,
}

impl Page {
    /// The page's measurements: `samples` (keystroke → preview painted) and `echoes`
    /// (keystroke → editor painted), in ms.
    fn latency(self) -> &'static str {
        match self {
            Page::Inkstone => "window.__inkstoneLatency",
            Page::Peer => "window.__peer",
            Page::Floor => "window.__floor",
        }
    }

    async fn count(self, app: &App, what: &str) -> usize {
        app.js(&format!("return {}.{what}.length", self.latency()))
            .await
            .as_u64()
            .unwrap() as usize
    }
}

/// What typing `KEYS` characters measured: keystroke → preview painted, and → editor painted.
struct Typed {
    preview: Vec<f64>,
    echo: Vec<f64>,
}

/// Types `KEYS` characters one at a time at the end of a prose line near the middle of the
/// shown post, each once the previous one is painted in the preview.
async fn typing(app: &App, page: Page) -> Typed {
    let caret = match page {
        Page::Inkstone => "return window.__inkstoneCaretInProse(0.5)",
        Page::Peer => "return window.__peer.caretInProse(0.5)",
        Page::Floor => "return window.__floor.caretInProse()",
    };
    let line = app.js(caret).await;
    assert!(
        line.as_str().is_some_and(|l| !l.is_empty()),
        "no prose line: {line}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = page.count(app, "samples").await;
    let echoes_before = page.count(app, "echoes").await;
    let typed = "typing 中文 and code, ";
    let text: Vec<char> = typed.chars().collect();
    for k in 0..KEYS {
        // Key actions go to the focused editor and leave its caret where it is.
        let c = text[k % text.len()];
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
        app.client.perform_actions(keys).await.unwrap();
        let want = before + k + 1;
        let deadline = Instant::now() + Duration::from_secs(10);
        while page.count(app, "samples").await < want {
            assert!(Instant::now() < deadline, "keystroke {k} never painted");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        // A typing pace of about 12 characters a second.
        tokio::time::sleep(Duration::from_millis(80)).await;
    }
    let line = match page {
        Page::Inkstone => {
            app.js("return document.querySelector('#editor .cm-activeLine')?.textContent")
                .await
        }
        Page::Peer => app.js("return window.__peer.caretLine()").await,
        Page::Floor => app.js("return window.__floor.caretLine()").await,
    };
    assert!(
        line.as_str().is_some_and(|l| l.contains(typed.trim_end())),
        "the typed text is not in the editor: {line}"
    );
    if page == Page::Inkstone {
        let phases = app
            .js("const p = window.__inkstoneLatency.phases.slice(-100); const avg = (i) => p.reduce((a, x) => a + x[i], 0) / p.length; return [avg(0), avg(1), avg(2), avg(3)].map((x) => Math.round(x * 10) / 10);")
            .await;
        eprintln!(
            "key→request, request→response, response→applied, applied→painted (ms, mean): {phases}"
        );
    }
    let all = |what: &str, from: usize| {
        let what = format!("return {}.{what}", page.latency());
        async move {
            let v = app.js(&what).await;
            v.as_array().unwrap()[from..]
                .iter()
                .filter_map(Value::as_f64)
                .collect::<Vec<f64>>()
        }
    };
    Typed {
        preview: all("samples", before).await,
        echo: all("echoes", echoes_before).await,
    }
}

/// The peer page (built by `make bench` from tests/bench/peers) covering the app's window.
async fn peer_typing(app: &App, bundle: &str, post: &str) -> Typed {
    let text = std::fs::read_to_string(app.blog.join(post)).unwrap();
    if app.js("return window.__peer === undefined").await == json!(true) {
        app.client.execute(bundle, vec![]).await.unwrap();
    }
    app.client
        .execute(
            "window.__peer.start(arguments[0]); return 1",
            vec![json!(text)],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    let blocks = app
        .js("return document.querySelectorAll('#peer-preview > section').length")
        .await;
    assert!(
        blocks.as_u64().is_some_and(|n| n > 10),
        "the peer's preview is empty: {blocks}"
    );
    let typed = typing(app, Page::Peer).await;
    let shown = app
        .js("return document.getElementById('peer-preview').textContent.includes('typing 中文 and code')")
        .await;
    assert_eq!(
        shown,
        json!(true),
        "the peer's preview lacks the typed text"
    );
    assert_eq!(
        app.js("return document.querySelectorAll('#peer-preview').length")
            .await,
        json!(1),
        "one peer preview"
    );
    typed
}

/// A bare `<textarea>` covering the window (nothing else on the page changes), typed into
/// like the editor: keystroke → the character painted, the floor of the echo in this window.
const FLOOR: &str = r#"
const t = document.createElement('textarea');
t.style.cssText = 'position: fixed; inset: 0; width: 100vw; height: 100vh; z-index: 2147483647; font: 14px/1.6 monospace; background: #fff; color: #000;';
t.value = 'A bare textarea, typed into the way the editor is.\nThe line typed at the end of:';
const F = { samples: [], echoes: [], lastKey: -Infinity };
t.addEventListener('keydown', (e) => { F.lastKey = e.timeStamp; });
t.addEventListener('input', () => {
  // As the app counts it: a change more than 200 ms after the last key is not that key's.
  const key = F.lastKey;
  F.lastKey = -Infinity;
  if (performance.now() - key >= 200) return;
  requestAnimationFrame(() => setTimeout(() => { const d = performance.now() - key; F.echoes.push(d); F.samples.push(d); }, 0));
});
F.caretInProse = () => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); return t.value; };
F.caretLine = () => t.value;
F.remove = () => t.remove();
document.body.append(t);
window.__floor = F;
return 1;
"#;

/// Typing into a bare `<textarea>` covering the window, while the app shows a small post and
/// nothing else runs; the textarea is removed after.
async fn floor_typing(app: &App) -> Vec<f64> {
    app.js(FLOOR).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let echo = typing(app, Page::Floor).await.echo;
    app.js("window.__floor.remove(); return 1").await;
    echo
}

/// The process and every descendant of it.
fn tree(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid …`; comm may hold spaces.
        let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
        if let Some(ppid) = after.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            parents.push((pid, ppid));
        }
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(parents.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    out
}

/// (PSS, RSS) of the process tree in MiB.
fn memory(root: u32) -> (f64, f64) {
    let field = |text: &str, name: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let (mut pss, mut rss) = (0.0, 0.0);
    for pid in tree(root) {
        if let Ok(t) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) {
            pss += field(&t, "Pss:");
        }
        if let Ok(t) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            rss += field(&t, "VmRSS:");
        }
    }
    (pss / 1024.0, rss / 1024.0)
}

/// The app's own process: the oldest one running `app` (its WebKit helpers run other files).
fn app_pid(app: &Path) -> u32 {
    let app = std::fs::canonicalize(app).unwrap();
    let mut found: Vec<(u64, u32)> = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app) {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // Field 22, the start time, counted after `pid (comm)`.
            let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
            let started = after
                .split_whitespace()
                .nth(19)
                .and_then(|v| v.parse().ok())
                .unwrap_or(u64::MAX);
            found.push((started, pid));
        }
    }
    found.sort();
    found.first().expect("app process").1
}

/// The floor under any WebKitGTK app: WebKit's own MiniBrowser showing a small static page,
/// measured like the app (PSS of its process tree, after it settled).
fn webkit_floor(env: &[(&str, &str)]) -> Option<(f64, f64)> {
    let browser = Path::new("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser");
    if !browser.exists() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("page.html");
    std::fs::write(
        &page,
        "<!doctype html><meta charset=utf-8><h1>Inkstone</h1><p>A small page, 中文 and English.</p>",
    )
    .unwrap();
    let mut child = Command::new(browser)
        .arg(format!("file://{}", page.display()))
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    std::thread::sleep(Duration::from_secs(6));
    let m = memory(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Some(m)
}

/// WebKitGTK's MiniBrowser started fresh on a small page, compositing off as the app runs,
/// `STARTS` times: from the spawn until the page's script has run and its first frame has
/// painted (the page then asks a loopback listener for an image). The floor under the app's
/// cold start: a WebKitGTK window and its processes, with nothing of Inkstone.
fn webkit_cold_starts() -> Vec<f64> {
    let browser = Path::new("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser");
    if !browser.exists() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for _ in 0..STARTS {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let tmp = tempfile::tempdir().unwrap();
        let page = tmp.path().join("page.html");
        std::fs::write(
            &page,
            format!(
                "<!doctype html><meta charset=utf-8><h1>Inkstone</h1><p>A small page, 中文 and English.</p>                 <script>requestAnimationFrame(() => setTimeout(() => {{ new Image().src = 'http://127.0.0.1:{port}/ready'; }}, 0));</script>"
            ),
        )
        .unwrap();
        let start = Instant::now();
        let mut child = Command::new(browser)
            .arg(format!("file://{}", page.display()))
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = start + Duration::from_secs(30);
        let ms = loop {
            if listener.accept().is_ok() {
                break Some(start.elapsed().as_secs_f64() * 1e3);
            }
            if Instant::now() > deadline {
                break None;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        let _ = child.kill();
        let _ = child.wait();
        // A page that never called back will not the next time either.
        let Some(ms) = ms else { break };
        out.push(ms);
        std::thread::sleep(Duration::from_millis(300));
    }
    out
}

/// A fresh process until the window shows a post ready to edit: measured outside (spawn to
/// the app's report) and inside (from the start of `run`).
fn cold_starts(app: &Path, blog: &Path, env: &[(String, String)]) -> (Vec<f64>, Vec<f64>) {
    let (mut outside, mut inside) = (Vec::new(), Vec::new());
    for _ in 0..STARTS {
        let tmp = tempfile::tempdir().unwrap();
        let ready = tmp.path().join("ready");
        let start = Instant::now();
        let mut child = Command::new(app)
            .env("INKSTONE_BLOG", blog)
            .env("INKSTONE_DATA_DIR", tmp.path().join("data"))
            .env("INKSTONE_READY_FILE", &ready)
            .envs(env.iter().cloned())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = start + Duration::from_secs(30);
        let ms = loop {
            if let Ok(t) = std::fs::read_to_string(&ready)
                && let Ok(ms) = t.trim().parse::<f64>()
            {
                break ms;
            }
            assert!(Instant::now() < deadline, "the app never became ready");
            std::thread::sleep(Duration::from_millis(2));
        };
        outside.push(start.elapsed().as_secs_f64() * 1e3);
        inside.push(ms);
        let _ = child.kill();
        let _ = child.wait();
        std::thread::sleep(Duration::from_millis(300));
    }
    (outside, inside)
}

/// Prints what typing measured (ms).
fn report(what: &str, t: &Typed) {
    eprintln!(
        "{what}: preview {}, echo {}",
        summary(t.preview.clone()),
        summary(t.echo.clone())
    );
}

/// Opens `post` in the app and types into it.
async fn type_into(app: &App, post: &str) -> Typed {
    app.open_post(post).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    typing(app, Page::Inkstone).await
}

/// The app with WebKitGTK's accelerated compositing on (WebKit's default; the app turns it
/// off unless told so).
fn compositing_on() -> Vec<(String, String)> {
    vec![("INKSTONE_COMPOSITING".into(), "on".into())]
}

#[tokio::main]
async fn main() {
    let app_bin: PathBuf = inkstone_e2e::app_binary();
    let out_dir = inkstone_bench::repo().join("target/bench");
    std::fs::create_dir_all(&out_dir).unwrap();
    let bundle = std::fs::read_to_string(out_dir.join("peer-editor.js")).unwrap_or_else(|e| {
        panic!("target/bench/peer-editor.js: {e}; `make bench` builds it from tests/bench/peers")
    });

    // Cold start on a copy of the sample blog, as the app runs (compositing off) and with it on.
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("blog");
    inkstone_e2e::copy_dir(&inkstone_bench::repo().join("posts"), &blog);
    let (outside, inside) = cold_starts(&app_bin, &blog, &[]);
    eprintln!("cold start: {outside:.0?} ms (inside: {inside:.0?})");
    let (outside_on, _) = cold_starts(&app_bin, &blog, &compositing_on());
    eprintln!("cold start, compositing on: {outside_on:.0?} ms");
    // The same on a 10,000-post blog: its posts read, listed and one opened.
    let big = tmp.path().join("big");
    std::fs::create_dir_all(&big).unwrap();
    inkstone_bench::generate_blog(&big, 10_000);
    let (outside_10k, _) = cold_starts(&app_bin, &big, &[]);
    eprintln!("cold start, 10,000-post blog: {outside_10k:.0?} ms");
    let webkit_starts = webkit_cold_starts();
    eprintln!("cold start, WebKitGTK MiniBrowser on a small page: {webkit_starts:.0?} ms");

    let app = App::start_with(setup, Vec::new()).await;
    // The frame clock alone: from a task to the end of the next painted frame, nothing changed.
    let mut idle = Vec::new();
    for _ in 0..60 {
        let v = app
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; const t0 = performance.now(); requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));",
                vec![],
            )
            .await
            .unwrap();
        idle.push(v.as_f64().unwrap_or(f64::NAN));
    }
    eprintln!("idle frame: {}", summary(idle.clone()));
    let textarea = floor_typing(&app).await;
    eprintln!("bare textarea: echo {}", summary(textarea.clone()));
    let medium = type_into(&app, MEDIUM).await;
    report("20 KB", &medium);
    // Idle memory with the 20 KB post open, after the typing settled.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (pss, rss) = memory(app_pid(&app_bin));
    eprintln!("idle memory: PSS {pss:.0} MiB, RSS {rss:.0} MiB");
    let long = type_into(&app, LONG).await;
    report("1 MB", &long);
    app.open_post(PHOTOS).await;
    let unscaled = pastes(&app, "", 100).await;
    eprintln!(
        "paste 4000×3000, stored as is: {}",
        summary(unscaled.clone())
    );
    let scaled = pastes(&app, "[images]\nmax_width = 1600\n", 200).await;
    eprintln!(
        "paste 4000×3000, scaled to 1600: {}",
        summary(scaled.clone())
    );
    // The JavaScript peer in the same window, on the same two posts.
    let peer_medium = peer_typing(&app, &bundle, MEDIUM).await;
    report("peer, 20 KB", &peer_medium);
    let peer_long = peer_typing(&app, &bundle, LONG).await;
    report("peer, 1 MB", &peer_long);
    app.close().await;

    // The same with WebKit's compositing on: typing on the 20 KB post, then idle memory.
    let on = App::start_with(setup, compositing_on()).await;
    let medium_on = type_into(&on, MEDIUM).await;
    report("compositing on, 20 KB", &medium_on);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (pss_on, rss_on) = memory(app_pid(&app_bin));
    eprintln!("compositing on, idle memory: PSS {pss_on:.0} MiB, RSS {rss_on:.0} MiB");
    on.close().await;

    let floor = webkit_floor(&[]);
    eprintln!("WebKitGTK MiniBrowser, small page (PSS, RSS MiB): {floor:.0?}");
    let floor_off = webkit_floor(&[("WEBKIT_DISABLE_COMPOSITING_MODE", "1")]);
    eprintln!("WebKitGTK MiniBrowser, compositing off (PSS, RSS MiB): {floor_off:.0?}");

    let report = json!({
        "app": app_bin.display().to_string(),
        "cold_start_ms": summary(outside),
        "cold_start_compositing_on_ms": summary(outside_on),
        "cold_start_10k_ms": summary(outside_10k),
        "webkit_cold_start_ms": summary(webkit_starts),
        "idle_frame_ms": summary(idle),
        "cold_start_inside_ms": summary(inside),
        "keystroke_to_paint_20k_ms": summary(medium.preview),
        "keystroke_to_paint_1m_ms": summary(long.preview),
        "echo_20k_ms": summary(medium.echo),
        "echo_1m_ms": summary(long.echo),
        "peer_keystroke_to_paint_20k_ms": summary(peer_medium.preview),
        "peer_keystroke_to_paint_1m_ms": summary(peer_long.preview),
        "peer_echo_20k_ms": summary(peer_medium.echo),
        "peer_echo_1m_ms": summary(peer_long.echo),
        "textarea_echo_ms": summary(textarea),
        "compositing_on_keystroke_to_paint_20k_ms": summary(medium_on.preview),
        "compositing_on_echo_20k_ms": summary(medium_on.echo),
        "paste_photo_scaled_ms": summary(scaled),
        "paste_photo_as_is_ms": summary(unscaled),
        "idle_memory_pss_mib": pss,
        "idle_memory_rss_mib": rss,
        "idle_memory_compositing_on_pss_mib": pss_on,
        "idle_memory_compositing_on_rss_mib": rss_on,
        "webkit_floor_pss_mib": floor.map(|f| f.0),
        "webkit_floor_rss_mib": floor.map(|f| f.1),
        "webkit_floor_no_compositing_pss_mib": floor_off.map(|f| f.0),
    });
    let text = serde_json::to_string_pretty(&report).unwrap();
    std::fs::write(out_dir.join("app.json"), &text).unwrap();
    println!("{text}");
}
