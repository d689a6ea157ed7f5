//! Remembered between runs: recent blogs and the last one. Saved atomically as JSON.

use std::path::Path;

use serde::{Deserialize, Serialize};

const FILE: &str = "settings.json";
const RECENT_MAX: usize = 8;

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Settings {
    #[serde(default)]
    pub recent: Vec<String>,
}

impl Settings {
    pub fn load(dir: &Path) -> Settings {
        std::fs::read_to_string(dir.join(FILE))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        inkstone_content::atomic::write(&dir.join(FILE), &json).map_err(std::io::Error::other)
    }

    /// Moves `root` to the front of the recent list.
    pub fn remember(&mut self, root: &str) {
        self.recent.retain(|r| r != root);
        self.recent.insert(0, root.to_string());
        self.recent.truncate(RECENT_MAX);
    }

    pub fn last(&self) -> Option<&str> {
        self.recent.first().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settings::default();
        for r in ["/a", "/b", "/a"] {
            s.remember(r);
        }
        assert_eq!(s.recent, ["/a", "/b"]);
        s.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), s);
        assert_eq!(Settings::load(dir.path()).last(), Some("/a"));
    }
}
