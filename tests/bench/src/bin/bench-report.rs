//! Prints `make bench`'s one table: each measure with its median, the peer measured in the
//! same run, the ratio, and the target from issue 7. Reads criterion's results under
//! `target/criterion/` and the JavaScript peers' under `target/bench/peers.json`.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

/// Medians in milliseconds by "group/function".
fn criterion(dir: &Path, out: &mut HashMap<String, f64>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "new") {
                let read = |f: &str| -> Option<Value> {
                    serde_json::from_str(&std::fs::read_to_string(path.join(f)).ok()?).ok()
                };
                if let (Some(id), Some(est)) = (read("benchmark.json"), read("estimates.json")) {
                    let key = format!(
                        "{}/{}",
                        id["group_id"].as_str().unwrap_or(""),
                        id["function_id"].as_str().unwrap_or("")
                    );
                    if let Some(ns) = est["median"]["point_estimate"].as_f64() {
                        out.insert(key, ns / 1e6);
                    }
                }
            } else {
                criterion(&path, out);
            }
        }
    }
}

fn ms(v: Option<f64>) -> String {
    match v {
        Some(v) if v >= 100.0 => format!("{v:.0} ms"),
        Some(v) if v >= 1.0 => format!("{v:.2} ms"),
        Some(v) => format!("{v:.3} ms"),
        None => "—".into(),
    }
}

fn main() {
    let target = inkstone_bench::repo().join("target");
    let mut m = HashMap::new();
    criterion(&target.join("criterion"), &mut m);
    let peers: HashMap<String, f64> = std::fs::read_to_string(target.join("bench/peers.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let app: Value = std::fs::read_to_string(target.join("bench/app.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null);
    let in_app = |k: &str, p: &str| app[k][p].as_f64();
    let get = |k: &str| m.get(k).copied();
    let peer = |k: &str| peers.get(k).copied();
    type Row<'a> = (&'a str, Option<f64>, &'a str, Option<f64>, &'a str);
    let rows: Vec<Row> = vec![
        (
            "re-render 20 KB post, prose edit (warm)",
            get("render-20KB/inkstone re-render, prose edit"),
            "markdown-it + highlight.js, cached",
            peer("20k/markdown-it+hljs cached, prose edit"),
            "≤ 0.15 ms, ≥ 8× peer",
        ),
        (
            "re-render 20 KB post, prose edit (warm)",
            get("render-20KB/inkstone re-render, prose edit"),
            "Inkstone, whole page, one pass",
            get("render-20KB/inkstone one pass, prose edit"),
            "—",
        ),
        (
            "re-render 20 KB post, prose edit (warm)",
            get("render-20KB/inkstone re-render, prose edit"),
            "Inkstone, whole page, block cache (fallback)",
            get("render-20KB/inkstone whole page, prose edit"),
            "—",
        ),
        (
            "re-render 20 KB post, code edit",
            get("render-20KB/inkstone re-render, code edit"),
            "markdown-it + highlight.js, cached",
            peer("20k/markdown-it+hljs cached, code edit"),
            "—",
        ),
        (
            "re-render 1 MB post, prose edit",
            get("render-1MB/inkstone re-render, prose edit"),
            "markdown-it + highlight.js, cached",
            peer("1m/markdown-it+hljs cached, prose edit"),
            "≤ 2 ms",
        ),
        (
            "re-render 1 MB post, prose edit",
            get("render-1MB/inkstone re-render, prose edit"),
            "Inkstone, whole page, one pass",
            get("render-1MB/inkstone one pass, prose edit"),
            "—",
        ),
        (
            "re-render 1 MB post, prose edit",
            get("render-1MB/inkstone re-render, prose edit"),
            "Inkstone, whole page, block cache (fallback)",
            get("render-1MB/inkstone whole page, prose edit"),
            "—",
        ),
        (
            "re-render 1 MB post, code edit",
            get("render-1MB/inkstone re-render, code edit"),
            "markdown-it + highlight.js, cached",
            peer("1m/markdown-it+hljs cached, code edit"),
            "≤ 2 ms",
        ),
        (
            "first render of 20 KB post, fresh process",
            get("render-first/20KB in a fresh process"),
            "",
            None,
            "≤ 25 ms",
        ),
        (
            "Markdown → HTML alone, 20 KB (pulldown-cmark)",
            get("render-20KB/pulldown-cmark alone"),
            "comrak",
            get("render-20KB/comrak"),
            "≥ 2× comrak",
        ),
        (
            "Markdown → HTML alone, 1 MB (pulldown-cmark)",
            get("render-1MB/pulldown-cmark alone"),
            "comrak",
            get("render-1MB/comrak"),
            "≥ 2× comrak",
        ),
        (
            "Markdown → HTML alone, 20 KB (pulldown-cmark)",
            get("render-20KB/pulldown-cmark alone"),
            "markdown-it",
            peer("20k/markdown-it"),
            "—",
        ),
        (
            "Markdown → HTML alone, 20 KB (pulldown-cmark)",
            get("render-20KB/pulldown-cmark alone"),
            "marked",
            peer("20k/marked"),
            "—",
        ),
        (
            "full render 20 KB, no cache (peer pipeline)",
            None,
            "markdown-it + highlight.js",
            peer("20k/markdown-it+hljs"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 20 KB post, p50 (in the app)",
            in_app("echo_20k_ms", "p50"),
            "JavaScript peer in the same window",
            in_app("peer_echo_20k_ms", "p50"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 20 KB post, p50 (in the app)",
            in_app("echo_20k_ms", "p50"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p50"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 20 KB post, p95 (in the app)",
            in_app("echo_20k_ms", "p95"),
            "JavaScript peer in the same window",
            in_app("peer_echo_20k_ms", "p95"),
            "≤ idle frame + 4 ms",
        ),
        (
            "keystroke → editor painted (echo), 20 KB post, p95 (in the app)",
            in_app("echo_20k_ms", "p95"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p95"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 20 KB post, p95 (in the app)",
            in_app("echo_20k_ms", "p95"),
            "a bare textarea in the same window",
            in_app("textarea_echo_ms", "p95"),
            "—",
        ),
        (
            "keystroke → preview painted, 20 KB post, p50 (in the app)",
            in_app("keystroke_to_paint_20k_ms", "p50"),
            "JavaScript peer in the same window",
            in_app("peer_keystroke_to_paint_20k_ms", "p50"),
            "—",
        ),
        (
            "keystroke → preview painted, 20 KB post, p50 (in the app)",
            in_app("keystroke_to_paint_20k_ms", "p50"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p50"),
            "—",
        ),
        (
            "keystroke → preview painted, 20 KB post, p95 (in the app)",
            in_app("keystroke_to_paint_20k_ms", "p95"),
            "JavaScript peer in the same window",
            in_app("peer_keystroke_to_paint_20k_ms", "p95"),
            "≤ 2 × idle frame, < peer",
        ),
        (
            "keystroke → preview painted, 20 KB post, p95 (in the app)",
            in_app("keystroke_to_paint_20k_ms", "p95"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p95"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 1 MB post, p50 (in the app)",
            in_app("echo_1m_ms", "p50"),
            "JavaScript peer in the same window",
            in_app("peer_echo_1m_ms", "p50"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 1 MB post, p50 (in the app)",
            in_app("echo_1m_ms", "p50"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p50"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 1 MB post, p95 (in the app)",
            in_app("echo_1m_ms", "p95"),
            "JavaScript peer in the same window",
            in_app("peer_echo_1m_ms", "p95"),
            "≤ idle frame + 4 ms",
        ),
        (
            "keystroke → editor painted (echo), 1 MB post, p95 (in the app)",
            in_app("echo_1m_ms", "p95"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p95"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 1 MB post, p95 (in the app)",
            in_app("echo_1m_ms", "p95"),
            "a bare textarea in the same window",
            in_app("textarea_echo_ms", "p95"),
            "—",
        ),
        (
            "keystroke → preview painted, 1 MB post, p50 (in the app)",
            in_app("keystroke_to_paint_1m_ms", "p50"),
            "JavaScript peer in the same window",
            in_app("peer_keystroke_to_paint_1m_ms", "p50"),
            "—",
        ),
        (
            "keystroke → preview painted, 1 MB post, p50 (in the app)",
            in_app("keystroke_to_paint_1m_ms", "p50"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p50"),
            "—",
        ),
        (
            "keystroke → preview painted, 1 MB post, p95 (in the app)",
            in_app("keystroke_to_paint_1m_ms", "p95"),
            "JavaScript peer in the same window",
            in_app("peer_keystroke_to_paint_1m_ms", "p95"),
            "≤ 3 × idle frame, < peer",
        ),
        (
            "keystroke → preview painted, 1 MB post, p95 (in the app)",
            in_app("keystroke_to_paint_1m_ms", "p95"),
            "one idle frame, nothing changed",
            in_app("idle_frame_ms", "p95"),
            "—",
        ),
        (
            "keystroke → preview painted, 20 KB post, p95 (in the app)",
            in_app("keystroke_to_paint_20k_ms", "p95"),
            "the app with WebKit compositing on",
            in_app("compositing_on_keystroke_to_paint_20k_ms", "p95"),
            "—",
        ),
        (
            "keystroke → editor painted (echo), 20 KB post, p95 (in the app)",
            in_app("echo_20k_ms", "p95"),
            "the app with WebKit compositing on",
            in_app("compositing_on_echo_20k_ms", "p95"),
            "—",
        ),
        (
            "paste a 4000×3000 photo → preview showing it, scaled to 1600 (in the app)",
            in_app("paste_photo_scaled_ms", "p50"),
            "the same photo stored as is",
            in_app("paste_photo_as_is_ms", "p50"),
            "—",
        ),
        (
            "add a 4000×3000 photo, scaled to 1600 (core)",
            get("image-4000x3000/add, scaled to 1600"),
            "image crate: decode the photo alone",
            get("image-4000x3000/peer: decode the photo alone (image crate)"),
            "—",
        ),
        (
            "add a 4000×3000 photo, scaled to 1600 as WebP (core)",
            get("image-4000x3000/add, scaled to 1600 as WebP"),
            "stored as is",
            get("image-4000x3000/add, stored as is"),
            "—",
        ),
        (
            "cold start to a window ready to edit (fresh process)",
            in_app("cold_start_ms", "p50"),
            "the app with WebKit compositing on",
            in_app("cold_start_compositing_on_ms", "p50"),
            "≤ 0.5 s",
        ),
        (
            "cold start to a window ready to edit (fresh process)",
            in_app("cold_start_ms", "p50"),
            "WebKitGTK MiniBrowser, small page painted (fresh process)",
            in_app("webkit_cold_start_ms", "p50"),
            "—",
        ),
        (
            "10,000-post blog: cold start to a window ready to edit (fresh process)",
            in_app("cold_start_10k_ms", "p50"),
            "the sample blog",
            in_app("cold_start_ms", "p50"),
            "—",
        ),
        (
            "10,000-post blog: publish one changed post (loopback HTTP)",
            get("publish-10k/publish one changed post"),
            "",
            None,
            "≤ 0.5 s",
        ),
        (
            "10,000-post blog: open and list",
            get("blog-10k/open and list"),
            "",
            None,
            "≤ 0.5 s",
        ),
        (
            "10,000-post blog: one post changed on disk → list up to date",
            get("blog-10k/one post changed: list up to date"),
            "open and list (every file read)",
            get("blog-10k/open and list"),
            "≤ 20 ms",
        ),
        (
            "10,000-post blog: search (indexed)",
            get("blog-10k/search (indexed)"),
            "",
            None,
            "≤ 30 ms",
        ),
        (
            "10,000-post blog: build the search index",
            get("blog-10k/build the search index"),
            "",
            None,
            "—",
        ),
        (
            "10,000-post blog: rename a tag (2,349 posts carry it)",
            get("blog-10k/rename a tag"),
            "",
            None,
            "≤ 2 s",
        ),
    ];
    println!("| measure | Inkstone (median) | peer | peer (median) | peer ÷ Inkstone | target |");
    println!("|---|---:|---|---:|---:|---|");
    for (what, ours, peer_name, theirs, goal) in rows {
        let ratio = match (ours, theirs) {
            (Some(a), Some(b)) if a > 0.0 => format!("{:.1}×", b / a),
            _ => "—".into(),
        };
        println!(
            "| {what} | {} | {peer_name} | {} | {ratio} | {goal} |",
            ms(ours),
            ms(theirs)
        );
    }
    let mib = |key: &str| {
        app[key]
            .as_f64()
            .map_or_else(|| "—".to_string(), |v| format!("{v:.0} MiB"))
    };
    for (what, key, peer_name, floor, goal) in [
        (
            "idle memory, whole process tree (PSS), compositing off (the app's default)",
            "idle_memory_pss_mib",
            "WebKitGTK MiniBrowser, small page, compositing off",
            "webkit_floor_no_compositing_pss_mib",
            "≤ 1.5 × MiniBrowser",
        ),
        (
            "idle memory, whole process tree (PSS), compositing off (the app's default)",
            "idle_memory_pss_mib",
            "WebKitGTK MiniBrowser, small page (WebKit's default)",
            "webkit_floor_pss_mib",
            "≤ 1.5 × MiniBrowser",
        ),
        (
            "idle memory, whole process tree (PSS), compositing on",
            "idle_memory_compositing_on_pss_mib",
            "WebKitGTK MiniBrowser, small page (WebKit's default)",
            "webkit_floor_pss_mib",
            "≤ 1.5 × MiniBrowser",
        ),
        (
            "idle memory, whole process tree (RSS, shared pages counted per process)",
            "idle_memory_rss_mib",
            "WebKitGTK MiniBrowser, small page (WebKit's default)",
            "webkit_floor_rss_mib",
            "—",
        ),
    ] {
        let ratio = match (app[key].as_f64(), app[floor].as_f64()) {
            (Some(a), Some(b)) if a > 0.0 => format!("{:.1}×", b / a),
            _ => "—".into(),
        };
        println!(
            "| {what} | {} | {peer_name} | {} | {ratio} | {goal} |",
            mib(key),
            mib(floor)
        );
    }
}
