//! Where a link clicked in the preview goes: web and mail links to the system browser,
//! `#anchors` back to the preview, everything else nowhere.

use inkstone_content::images::percent_decode;
use tauri::{AppHandle, Emitter, Runtime, Url};
use tauri_plugin_opener::OpenerExt;

/// What to do with a clicked link.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkAction {
    /// Open in the system browser or mail client.
    External(String),
    /// Scroll the preview to the element with this id.
    Anchor(String),
    Ignore,
}

pub fn classify(url: &Url) -> LinkAction {
    match url.scheme() {
        "http" | "https" if url.host_str() != Some("tauri.localhost") => {
            LinkAction::External(url.to_string())
        }
        "mailto" => LinkAction::External(url.to_string()),
        "tauri" | "http" | "https" | "about" => match url.fragment() {
            Some(f) if !f.is_empty() => LinkAction::Anchor(percent_decode(f)),
            _ => LinkAction::Ignore,
        },
        _ => LinkAction::Ignore,
    }
}

/// Carries out a clicked link.
pub fn follow<R: Runtime>(app: &AppHandle<R>, url: &Url) {
    match classify(url) {
        LinkAction::External(u) => {
            if let Err(e) = app.opener().open_url(u, None::<&str>) {
                eprintln!("inkstone: cannot open link: {e}");
            }
        }
        LinkAction::Anchor(id) => {
            let _ = app.emit_to("main", "preview-anchor", id);
        }
        LinkAction::Ignore => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(u: &str) -> LinkAction {
        classify(&Url::parse(u).unwrap())
    }

    #[test]
    fn web_and_mail_go_outside_anchors_stay_in() {
        assert_eq!(
            c("https://gohugo.io/docs/"),
            LinkAction::External("https://gohugo.io/docs/".into())
        );
        assert_eq!(
            c("mailto:me@example.com"),
            LinkAction::External("mailto:me@example.com".into())
        );
        assert_eq!(
            c("tauri://localhost/#%E8%B0%83%E8%B0%90-loop"),
            LinkAction::Anchor("调谐-loop".into())
        );
        assert_eq!(c("about:srcdoc#intro"), LinkAction::Anchor("intro".into()));
        assert_eq!(
            c("http://tauri.localhost/#x"),
            LinkAction::Anchor("x".into())
        );
        assert_eq!(c("file:///etc/passwd"), LinkAction::Ignore);
        assert_eq!(c("tauri://localhost/other.html"), LinkAction::Ignore);
        assert_eq!(c("inkstone://localhost/content/x.png"), LinkAction::Ignore);
    }
}
