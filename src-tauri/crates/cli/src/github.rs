//! `inkstone login`, `logout`, `whoami`, `repos` and `clone`: signing in to GitHub (the OAuth device flow, or a
//! pasted token when this build has no OAuth app), the token kept in the system keychain under
//! GitHub's host, never printed.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};
use inkstone_content::Blog;
use inkstone_git::{Auth, Keychain};
use inkstone_github::{Api, Endpoints, RepoName, TokenInfo};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::output::Out;

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
    let token = match (with_token, inkstone_github::client_id()) {
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
            Zeroizing::new(api.poll_token(&client, &code, |d| {
                std::thread::sleep(d);
                true
            })?)
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

/// `inkstone clone OWNER/REPO [DIR]`: the repository's `clone_url` from GitHub's API, cloned
/// with the stored token into DIR (default: the repository's name), which must be absent or
/// empty. Prints the folder.
pub fn clone(out: &mut Out, spec: &str, dir: Option<PathBuf>, json: bool) -> Result<()> {
    let endpoints = Endpoints::from_env()?;
    let Some(name) = RepoName::parse(spec).or_else(|| RepoName::from_remote(spec, &endpoints))
    else {
        bail!("{spec:?} is not OWNER/REPO (for example octocat/octocat.github.io)");
    };
    let token = stored_token(&endpoints)?;
    let api = Api::new(endpoints.clone());
    let repo = api.clone_source(&token, &name)?;
    let dir = dir.unwrap_or_else(|| PathBuf::from(&name.name));
    let auth = Auth::standard(Some(Box::new(Keychain)));
    let report = crate::publish::reporter();
    let cloned = inkstone_git::clone(
        &repo.clone_url,
        &dir,
        repo.default_branch.as_deref(),
        &auth,
        &report,
    );
    crate::publish::end_progress();
    let cloned = cloned?;
    inkstone_git::set_github_repository(&cloned, &name.full_name())?;
    let what = match Blog::open(&cloned) {
        Ok(blog) => {
            let posts = blog.posts().len();
            format!(
                "a {} site with {posts} post(s)",
                match blog.site().generator {
                    inkstone_content::Generator::Hugo => "Hugo",
                    inkstone_content::Generator::Jekyll => "Jekyll",
                    inkstone_content::Generator::Hexo => "Hexo",
                }
            )
        }
        Err(e) => format!("not a blog Inkstone can open: {e}"),
    };
    if json {
        return out.json(&serde_json::json!({
            "repository": name.full_name(),
            "path": cloned,
            "branch": repo.default_branch,
            "site": what,
        }));
    }
    let _ = writeln!(
        std::io::stderr(),
        "Cloned {name} into {}: {what}.",
        cloned.display()
    );
    out.line(cloned.display())
}
