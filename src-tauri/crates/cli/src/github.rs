//! `inkstone login`, `logout` and `whoami`: signing in to GitHub (the OAuth device flow, or a
//! pasted token when this build has no OAuth app), the token kept in the system keychain under
//! GitHub's host, never printed.

use std::io::{IsTerminal, Read, Write};

use anyhow::{Result, bail};
use inkstone_git::Keychain;
use inkstone_github::{Api, Endpoints, TokenInfo};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::output::Out;

/// The OAuth app's client id: `INKSTONE_GITHUB_CLIENT_ID` at run time, else the one this
/// build was made with (the same variable at build time), else none.
fn client_id() -> Option<String> {
    std::env::var("INKSTONE_GITHUB_CLIENT_ID")
        .ok()
        .or_else(|| option_env!("INKSTONE_GITHUB_CLIENT_ID").map(str::to_string))
        .filter(|s| !s.trim().is_empty())
}

#[derive(Serialize)]
struct Signed<'a> {
    host: String,
    login: &'a str,
    name: Option<&'a str>,
    /// `null` for a fine-grained token.
    scopes: Option<&'a [String]>,
    missing: &'a [String],
}

fn report(out: &mut Out, host: &str, info: &TokenInfo, json: bool, verb: &str) -> Result<()> {
    let signed = Signed {
        host: host.to_string(),
        login: &info.user.login,
        name: info.user.name.as_deref(),
        scopes: info.scopes.as_deref(),
        missing: &info.missing,
    };
    if json {
        return out.json(&signed);
    }
    let scopes = match &info.scopes {
        Some(s) if s.is_empty() => "no scopes".to_string(),
        Some(s) => format!("scopes: {}", s.join(", ")),
        None => "a fine-grained token (permissions per repository)".to_string(),
    };
    out.line(format!("{verb} {host} as {} ({scopes})", info.user.login))
}

/// Warns about missing scopes; a token without `repo` cannot publish and is refused.
fn check_scopes(endpoints: &Endpoints, info: &TokenInfo) -> Result<()> {
    if info.missing.iter().any(|m| m == "repo") {
        bail!(
            "this token lacks the `repo` scope, which publishing needs (it has: {}); make one with `repo` and `workflow` at {}",
            info.scopes.as_deref().unwrap_or_default().join(", "),
            endpoints.new_token_page()
        );
    }
    if !info.missing.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "inkstone: note: the token lacks the {} scope: Inkstone cannot add a Pages workflow with it",
            info.missing.join(", ")
        );
    }
    Ok(())
}

fn read_token(prompt: &str) -> Result<Zeroizing<String>> {
    let mut token = Zeroizing::new(String::new());
    if std::io::stdin().is_terminal() {
        // Not echoed: a token on screen ends up in scrollback and screen shares.
        token = Zeroizing::new(rpassword::prompt_password(prompt)?);
    } else {
        std::io::stdin().read_to_string(&mut token)?;
    }
    let trimmed = Zeroizing::new(token.trim().to_string());
    if trimmed.is_empty() {
        bail!("no token on standard input");
    }
    Ok(trimmed)
}

pub fn login(out: &mut Out, with_token: bool, json: bool) -> Result<()> {
    let endpoints = Endpoints::from_env()?;
    let api = Api::new(endpoints.clone());
    let host = endpoints.host();
    let token = match (with_token, client_id()) {
        (false, Some(client)) => {
            let code = api.device_code(&client)?;
            let mut err = std::io::stderr();
            let _ = writeln!(
                err,
                "First copy your one-time code: {}\nThen open {} in a browser and enter it (the code expires in {} minutes).",
                code.user_code,
                code.verification_uri,
                code.expires_in / 60
            );
            let _ = writeln!(err, "Waiting for GitHub…");
            Zeroizing::new(api.poll_token(&client, &code, std::thread::sleep)?)
        }
        (false, None) => {
            let _ = writeln!(
                std::io::stderr(),
                "This build has no GitHub OAuth app (INKSTONE_GITHUB_CLIENT_ID). Make a token with the `repo` and `workflow` scopes at\n  {}\nand paste it here.",
                endpoints.new_token_page()
            );
            read_token("Token (not shown): ")?
        }
        (true, _) => read_token("Token (not shown): ")?,
    };
    let info = api.user(&token)?;
    check_scopes(&endpoints, &info)?;
    Keychain::save(&host, &token)?;
    report(out, &host, &info, json, "Signed in to")
}

pub fn logout(json: bool, out: &mut Out) -> Result<()> {
    let endpoints = Endpoints::from_env()?;
    let host = endpoints.host();
    Keychain::delete(&host)?;
    if json {
        return out.json(&serde_json::json!({ "host": host, "signed_in": false }));
    }
    let _ = writeln!(
        std::io::stderr(),
        "Signed out of {host}: the token is gone from the keychain."
    );
    Ok(())
}

pub fn whoami(out: &mut Out, json: bool) -> Result<()> {
    let endpoints = Endpoints::from_env()?;
    let host = endpoints.host();
    let token = stored_token(&endpoints)?;
    let info = Api::new(endpoints).user(&token)?;
    report(out, &host, &info, json, "Signed in to")
}

/// The stored token for GitHub's host, or the one-line reason there is none.
fn stored_token(endpoints: &Endpoints) -> Result<Zeroizing<String>> {
    let host = endpoints.host();
    match Keychain::load(&host)? {
        Some(t) => Ok(Zeroizing::new(t)),
        None => bail!("not signed in to {host}: run `inkstone login`"),
    }
}

pub fn repos(out: &mut Out, json: bool) -> Result<()> {
    let endpoints = Endpoints::from_env()?;
    let token = stored_token(&endpoints)?;
    let repos = Api::new(endpoints).repos(&token)?;
    if json {
        return out.json(&repos);
    }
    let width = repos
        .iter()
        .map(|r| r.full_name.chars().count())
        .max()
        .unwrap_or(0);
    for r in &repos {
        let pushed = r
            .pushed_at
            .as_deref()
            .and_then(|p| p.get(..10))
            .unwrap_or("never pushed");
        let pages = if r.has_pages { "Pages" } else { "     " };
        out.line(format!(
            "{:<width$}  {pages}  {pushed}{}",
            r.full_name,
            if r.private { "  private" } else { "" }
        ))?;
    }
    Ok(())
}
