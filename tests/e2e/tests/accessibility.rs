//! The window checked by axe-core (tests/node_modules, pinned) against WCAG 2.1 A and AA in
//! the real WebKitGTK window, in the light and the dark theme and with the Settings dialog and
//! the command palette open: no serious or critical violation (names for every control,
//! contrast AA, valid roles). The preview's inside is the post's own HTML and is not checked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_e2e::{App, repo};
use serde_json::Value;

const CTRL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const RELEASE: &str = "\u{E000}";
const ESCAPE: &str = "\u{E00C}";

/// The serious and critical violations in the window as it is now, one line each.
async fn violations(app: &App) -> Vec<String> {
    let found = inkstone_e2e::answer(
        "axe.run",
        app.client.execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, iframes: false }) \
               .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') \
                 .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 4).map((n) => n.target.join(' ') + (n.any[0]?.message ? ` (${n.any[0].message})` : '')).join('; ')}`))) \
               .catch((e) => done([`axe failed: ${e}`]));",
            vec![],
        ),
    )
    .await
    .unwrap();
    match found {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect(),
        other => vec![format!("unexpected answer: {other}")],
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_serious_violation_in_either_theme() {
    let axe = std::fs::read_to_string(repo().join("tests/node_modules/axe-core/axe.min.js"))
        .expect("axe-core: `make npm-test` installs it");
    let app = App::start().await;
    app.open_post("content/posts/linux-tcp-congestion-ops.md")
        .await;
    inkstone_e2e::answer(
        "loading axe",
        app.client
            .execute(&format!("{axe}\nreturn typeof axe"), vec![]),
    )
    .await
    .unwrap();
    let mut all = Vec::new();
    for theme in ["light", "dark"] {
        app.click("[data-testid=settings-open]").await;
        app.wait_js(
            "return document.querySelector('[data-testid=settings]').open && !!document.querySelector('[data-testid=setting-slug]')",
            "the Settings dialog",
        )
        .await;
        app.js(&format!(
            "const el = document.querySelector('[data-testid=setting-theme]'); el.value = '{theme}'; el.dispatchEvent(new Event('change')); return true"
        ))
        .await;
        app.wait_js(
            &format!(
                "return matchMedia('(prefers-color-scheme: dark)').matches === {}",
                theme == "dark"
            ),
            "the theme in effect",
        )
        .await;
        for v in violations(&app).await {
            all.push(format!("{theme}, Settings open: {v}"));
        }
        app.js("document.querySelector('[data-testid=settings] .close').click(); return true")
            .await;
        for v in violations(&app).await {
            all.push(format!("{theme}, the window: {v}"));
        }
        app.type_into(".cm-content", &format!("{CTRL}{SHIFT}p{RELEASE}"))
            .await;
        app.wait_js(
            "return document.querySelector('[data-testid=palette]').open",
            "the palette",
        )
        .await;
        for v in violations(&app).await {
            all.push(format!("{theme}, palette open: {v}"));
        }
        app.type_into("[data-testid=palette-input]", ESCAPE).await;
        app.wait_js(
            "return !document.querySelector('[data-testid=palette]').open",
            "the palette closed",
        )
        .await;
    }
    app.screenshot("accessibility-dark").await;
    app.close().await;
    assert!(all.is_empty(), "axe-core found:\n{}", all.join("\n"));
}
