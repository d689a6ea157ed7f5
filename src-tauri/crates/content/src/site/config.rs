//! Reading a site's configuration as its generator does: Hugo's file names and formats, its
//! `config/` folder merged the way Hugo merges it, a theme's `params` under the site's; every
//! file through the path gate, so a cloned blog's config never reads outside it.

use std::path::Path;

use serde_json::{Map, Value};

use crate::frontmatter::{self, Format, as_text, get};
use crate::{Error, Result};

pub(super) const HUGO_CONFIGS: [&str; 8] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

fn format_of(file: &str) -> Format {
    if file.ends_with(".toml") {
        Format::Toml
    } else if file.ends_with(".json") {
        Format::Json
    } else {
        Format::Yaml
    }
}

/// Hugo's configuration folder as Hugo merges it: `config/_default/` (the main file, and each
/// other file as the key of its name: `languages.toml` is `languages`, `params.toml`
/// `params`), then `config/production/` over it (the environment `hugo` builds for).
pub(super) fn config_folder(root: &Path, read: &mut Vec<String>) -> Result<Map<String, Value>> {
    let mut merged = Map::new();
    for env in ["config/_default", "config/production"] {
        let Ok(entries) = std::fs::read_dir(root.join(env)) else {
            continue;
        };
        let mut files: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| {
                n.ends_with(".toml")
                    || n.ends_with(".yaml")
                    || n.ends_with(".yml")
                    || n.ends_with(".json")
            })
            .collect();
        files.sort();
        // The main file first, so a key file overrides what it says of that key.
        files.sort_by_key(|n| !(n.starts_with("hugo.") || n.starts_with("config.")));
        for name in files {
            let rel = format!("{env}/{name}");
            let map = read_config(root, &rel)?;
            read.push(rel.clone());
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            if stem == "hugo" || stem == "config" {
                merge(&mut merged, map);
            } else {
                let mut wrapped = Map::new();
                wrapped.insert(stem.to_string(), Value::Object(map));
                merge(&mut merged, wrapped);
            }
        }
    }
    Ok(merged)
}

/// The folders of the site's Hugo themes (`themes/PaperMod`), relative to the root, the first
/// theme named first: each checked to stay inside the blog; `theme = ""` names none.
fn theme_folders(root: &Path, map: &Map<String, Value>, read: &[String]) -> Vec<String> {
    let themes: Vec<String> = match get(map, "theme") {
        Some(Value::Array(list)) => list.iter().filter_map(as_text).collect(),
        Some(v) => as_text(v).into_iter().collect(),
        None => Vec::new(),
    };
    let dir = get(map, "themesDir")
        .and_then(as_text)
        .unwrap_or_else(|| "themes".into());
    let config = root.join(read.last().map_or("hugo.toml", String::as_str));
    themes
        .iter()
        .filter(|theme| !theme.trim_matches(['/', '.']).is_empty())
        .filter_map(|theme| {
            crate::gate::config_dir(root, &config, "theme", &format!("{dir}/{theme}")).ok()
        })
        .filter(|folder| !folder.is_empty())
        .collect()
}

/// A Hugo theme's `params` under the site's: what the site does not set, the theme's own
/// configuration (`themes/<theme>/hugo.toml`, `config.toml`…) provides, the first theme named
/// first. A theme folder outside the blog, or missing (a submodule not checked out), gives
/// nothing. Returns the theme folders (see [`theme_folders`]).
pub(super) fn theme_params(
    root: &Path,
    map: &mut Map<String, Value>,
    read: &mut Vec<String>,
) -> Vec<String> {
    let folders = theme_folders(root, map, read);
    for folder in &folders {
        let Some(file) = HUGO_CONFIGS
            .iter()
            .map(|f| format!("{folder}/{f}"))
            .find(|f| root.join(f).is_file())
        else {
            continue;
        };
        let Ok(theme_map) = read_config(root, &file) else {
            continue;
        };
        read.push(file);
        if let Some(Value::Object(defaults)) = get(&theme_map, "params").cloned() {
            let mut params = defaults;
            // Hugo's keys are case-insensitive: the site's `Params` is its `params`.
            let key = map
                .keys()
                .find(|k| k.eq_ignore_ascii_case("params"))
                .cloned()
                .unwrap_or_else(|| "params".into());
            if let Some(Value::Object(own)) = map.get(&key).cloned() {
                merge(&mut params, own);
            }
            map.insert(key, Value::Object(params));
        }
    }
    folders
}

/// `over` merged into `base` as Hugo merges configuration: tables key by key, anything else
/// replaced, keys matched ignoring case (the site's `Author` replaces a theme's `author`, and
/// is kept as `over` spells it).
pub(super) fn merge(base: &mut Map<String, Value>, over: Map<String, Value>) {
    merge_by(base, over, true);
}

/// Like [`merge`], keys matched exactly (Hexo's configuration, read by JavaScript).
pub(super) fn merge_exact(base: &mut Map<String, Value>, over: Map<String, Value>) {
    merge_by(base, over, false);
}

fn merge_by(base: &mut Map<String, Value>, over: Map<String, Value>, ignore_case: bool) {
    for (k, v) in over {
        let same = if ignore_case {
            base.keys().find(|b| b.eq_ignore_ascii_case(&k)).cloned()
        } else {
            base.contains_key(&k).then(|| k.clone())
        };
        match (same.as_deref().and_then(|s| base.get_mut(s)), v) {
            (Some(Value::Object(b)), Value::Object(o)) => merge_by(b, o, ignore_case),
            (_, v) => {
                if let Some(same) = same {
                    base.remove(&same);
                }
                base.insert(k, v);
            }
        }
    }
}

/// A configuration file, read only when it really is inside the blog: a symlinked one that
/// leads elsewhere (a cloned blog's `hugo.toml` pointing at `~/.kube/config`) is refused.
pub(super) fn read_config(root: &Path, rel: &str) -> Result<Map<String, Value>> {
    let canonical = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let checked = crate::gate::inside(&canonical, rel).map_err(|e| Error::Config {
        path: root.join(rel),
        line: 1,
        message: format!("not read ({e})"),
    })?;
    let path = checked.under(&canonical);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::InvalidUtf8 {
            line: frontmatter::line_at(&String::from_utf8_lossy(e.as_bytes()), offset),
            path: path.clone(),
            offset,
        }
    })?;
    frontmatter::parse(format_of(rel), &text, 1).map_err(|e| Error::Config {
        path,
        line: e.line,
        message: e.message,
    })
}
