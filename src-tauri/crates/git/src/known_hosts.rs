//! SSH host keys checked against OpenSSH's known_hosts files (plain and hashed names,
//! `[host]:port`, wildcards, `@revoked`), and trusted only when the user says so.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Digest;

use crate::{Error, Result};

/// What the known_hosts files say about a host's key.
#[derive(Debug, PartialEq, Eq)]
pub enum HostCheck {
    Known,
    Unknown,
    /// The host is listed with another key of the same type (or this key is revoked).
    Changed {
        file: PathBuf,
    },
}

/// The name known_hosts uses for a host: `host`, or `[host]:port` off port 22.
pub fn host_name(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_string()
    } else {
        format!("[{host}]:{port}")
    }
}

/// OpenSSH's fingerprint of a key blob: `SHA256:` and unpadded base64.
pub fn fingerprint(key: &[u8]) -> String {
    format!(
        "SHA256:{}",
        STANDARD_NO_PAD.encode(sha2::Sha256::digest(key))
    )
}

/// The known_hosts line trusting `key` for the host.
pub fn line(host: &str, port: u16, key_type: &str, key: &[u8]) -> String {
    format!(
        "{} {key_type} {}",
        host_name(host, port),
        STANDARD.encode(key)
    )
}

/// Looks the host's key up in `files` (missing files are skipped).
pub fn check(files: &[PathBuf], host: &str, port: u16, key_type: &str, key: &[u8]) -> HostCheck {
    let name = host_name(host, port);
    let encoded = STANDARD.encode(key);
    let mut changed = None;
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for raw in text.lines() {
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let mut fields = raw.split_whitespace();
            let mut first = fields.next().unwrap_or_default();
            let marker = first.strip_prefix('@').map(str::to_string);
            if marker.is_some() {
                first = fields.next().unwrap_or_default();
            }
            let (Some(kind), Some(blob)) = (fields.next(), fields.next()) else {
                continue;
            };
            if !hosts_match(first, &name) {
                continue;
            }
            match marker.as_deref() {
                Some("revoked") if blob == encoded => {
                    return HostCheck::Changed { file: file.clone() };
                }
                Some(_) => continue,
                None => {}
            }
            if kind != key_type {
                continue;
            }
            if blob == encoded {
                return HostCheck::Known;
            }
            changed.get_or_insert_with(|| file.clone());
        }
    }
    match changed {
        Some(file) => HostCheck::Changed { file },
        None => HostCheck::Unknown,
    }
}

/// Appends a trusted host line, creating the file (and `~/.ssh`) when needed.
pub fn append(file: &Path, line: &str) -> Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut needs_newline = false;
    if let Ok(existing) = std::fs::read(file) {
        needs_newline = !existing.is_empty() && !existing.ends_with(b"\n");
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .map_err(|e| Error::io(file, e))?;
    let text = format!("{}{line}\n", if needs_newline { "\n" } else { "" });
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| Error::io(file, e))
}

fn hosts_match(patterns: &str, name: &str) -> bool {
    if let Some(hashed) = patterns.strip_prefix("|1|") {
        return hashed_match(hashed, name);
    }
    let mut matched = false;
    for pattern in patterns.split(',') {
        if let Some(negated) = pattern.strip_prefix('!') {
            if wildcard(negated, name) {
                return false;
            }
        } else if wildcard(pattern, name) {
            matched = true;
        }
    }
    matched
}

fn hashed_match(hashed: &str, name: &str) -> bool {
    let Some((salt, hash)) = hashed.split_once('|') else {
        return false;
    };
    let (Ok(salt), Ok(hash)) = (STANDARD.decode(salt), STANDARD.decode(hash)) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(&salt) else {
        return false;
    };
    mac.update(name.as_bytes());
    mac.verify_slice(&hash).is_ok()
}

/// OpenSSH patterns: `*` any run, `?` one character, case-insensitive.
fn wildcard(pattern: &str, name: &str) -> bool {
    fn go(p: &[u8], n: &[u8]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), name.as_bytes())
}

#[cfg(test)]
mod tests;
