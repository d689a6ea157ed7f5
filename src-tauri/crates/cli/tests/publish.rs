//! `inkstone publish` against real servers on 127.0.0.1: smart HTTP(S) with token auth
//! (lighttpd + git-http-backend), SSH (Debian's sshd, ssh-agent), and tokens in a real
//! Secret Service (gnome-keyring in a private D-Bus session). git config is sandboxed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use inkstone_testserver::{
    HttpOptions, HttpServer, Sandbox, SshAgent, SshServer, in_keyring_session, user_key,
};

const TOKEN: &str = "ghp_test_0123456789abcdefghijklmnopqrstuvwx";

struct World {
    sb: Sandbox,
    bare: PathBuf,
    blog: PathBuf,
}

/// A bare repository on the "server" and a new local blog whose origin is `url(bare)`.
fn world(url: impl FnOnce(&Sandbox, &Path) -> String) -> World {
    let sb = Sandbox::new();
    let bare = sb.bare_repo("blog");
    let blog = sb.root.path().join("blog");
    std::fs::create_dir_all(blog.join("content/posts")).unwrap();
    std::fs::write(
        blog.join("hugo.toml"),
        "title = \"T\"\nbaseURL = \"https://example.org/\"\n",
    )
    .unwrap();
    std::fs::write(
        blog.join("content/posts/bbr.md"),
        "---\ntitle: \"TCP BBR\"\ndate: 2024-01-02\n---\n\nbody\n",
    )
    .unwrap();
    sb.git(&blog, &["init", "-q", "-b", "main"]);
    let origin = url(&sb, &bare);
    sb.git(&blog, &["remote", "add", "origin", &origin]);
    World { sb, bare, blog }
}

fn http(w_tls: bool) -> (World, HttpServer) {
    let mut server = None;
    let w = world(|sb, _| {
        let s = HttpServer::start(
            sb,
            HttpOptions {
                user: "x-access-token".into(),
                token: TOKEN.into(),
                tls: w_tls,
            },
        );
        // `localhost`, not 127.0.0.1: git2's credential-helper query drops IP hosts.
        let url = s.url("blog.git").replace("127.0.0.1", "localhost");
        server = Some(s);
        url
    });
    (w, server.unwrap())
}

fn inkstone(w: &World, args: &[&str]) -> Command {
    let mut cmd = w.sb.command(env!("CARGO_BIN_EXE_inkstone"));
    cmd.arg("--blog").arg(&w.blog).args(args);
    cmd
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn remote_subjects(w: &World) -> String {
    Command::new("git")
        .args([
            "--git-dir",
            w.bare.to_str().unwrap(),
            "log",
            "--format=%s",
            "main",
        ])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Every file under `dir` that contains `needle` (the keyring's own encrypted store aside).
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if std::fs::read(&p)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                found.push(p);
            }
        }
    }
    found
}

#[test]
fn https_token_saved_in_the_secret_service_publishes_and_never_lands_in_a_file() {
    let (w, server) = http(true);
    let ca = server.ca_file().unwrap();
    let bin = env!("CARGO_BIN_EXE_inkstone");
    let script = format!(
        "printf %s '{TOKEN}' | {bin} --blog {b} token set && {bin} --blog {b} publish && {bin} --blog {b} publish",
        b = w.blog.display()
    );
    let mut cmd = w.sb.command("sh");
    cmd.args(["-c", &script]).env("SSL_CERT_FILE", &ca);
    let o = in_keyring_session(&w.sb, &mut cmd);
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}\n{}", server.logs());
    assert!(
        stderr.contains(&format!("Saved the token for localhost:{}", server.port())),
        "{stderr}"
    );
    assert!(stdout.contains("Published "), "{stdout}");
    assert!(stdout.contains("Add \"TCP BBR\""), "{stdout}");
    assert!(
        stdout.contains("Nothing to publish"),
        "second run: {stdout}"
    );
    assert_eq!(remote_subjects(&w).trim(), "Add \"TCP BBR\"");
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
    // Not in the repository, not in the home folder (only in the keyring's encrypted file).
    let leaks: Vec<_> = files_containing(w.sb.root.path(), TOKEN)
        .into_iter()
        .filter(|p| !p.starts_with(server_dir(&w, &server)))
        .collect();
    assert!(leaks.is_empty(), "token found in {leaks:?}");

    // Without the test CA the same server is refused: TLS is really checked.
    std::fs::write(
        w.blog.join("content/posts/new.md"),
        "---\ntitle: New\n---\nx\n",
    )
    .unwrap();
    let o = inkstone(&w, &["publish"])
        .env("SSL_CERT_FILE", "/nonexistent.pem")
        .output()
        .unwrap();
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains("could not reach") && stderr.to_lowercase().contains("certificate"),
        "{stderr}"
    );
}

/// The server's own files (htpasswd holds a hash of the token, the test CA, logs).
fn server_dir(w: &World, server: &HttpServer) -> PathBuf {
    w.sb.root.path().join(format!("http-{}", server.port()))
}

#[test]
fn a_wrong_token_fails_at_once_and_no_token_asks_for_one() {
    let (w, server) = http(false);
    // No keychain at all in this process: publish asks for a token and stops.
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    let host = format!("localhost:{}", server.port());
    assert!(stderr.contains(&format!("no token for {host}")), "{stderr}");

    let bin = env!("CARGO_BIN_EXE_inkstone");
    let script = format!(
        "printf wrong | {bin} --blog {b} token set && {bin} --blog {b} publish",
        b = w.blog.display()
    );
    let mut cmd = w.sb.command("sh");
    cmd.args(["-c", &script]);
    let o = in_keyring_session(&w.sb, &mut cmd);
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!(
            "authentication failed for {host} — re-enter your token"
        )),
        "{stderr}"
    );
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("inkstone:"))
            .count(),
        1,
        "{stderr}"
    );
    assert_eq!(remote_subjects(&w), "");
}

#[test]
fn git_credential_helpers_are_honoured() {
    let (w, server) = http(false);
    let creds = w.sb.home.join(".git-credentials");
    std::fs::write(
        &creds,
        format!(
            "http://x-access-token:{TOKEN}@localhost:{}\n",
            server.port()
        ),
    )
    .unwrap();
    let config = w.sb.home.join(".gitconfig");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("[credential]\n\thelper = store\n");
    std::fs::write(&config, text).unwrap();
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert_eq!(remote_subjects(&w).trim(), "Add \"TCP BBR\"");
}

fn with_helper_token(w: &World, server: &HttpServer) {
    std::fs::write(
        w.sb.home.join(".git-credentials"),
        format!(
            "http://x-access-token:{TOKEN}@localhost:{}\n",
            server.port()
        ),
    )
    .unwrap();
    let config = w.sb.home.join(".gitconfig");
    let text = std::fs::read_to_string(&config).unwrap() + "[credential]\n\thelper = store\n";
    std::fs::write(&config, text).unwrap();
}

#[test]
fn a_server_hook_rejection_is_a_failure_with_the_servers_words() {
    let (w, server) = http(false);
    with_helper_token(&w, &server);
    w.sb.reject_pushes(&w.bare, "main is protected: open a pull request");
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (stdout, stderr) = out(&o);
    assert!(!o.status.success(), "{stdout}");
    assert!(
        stderr.contains("the server refused the push of refs/heads/main"),
        "{stderr}"
    );
    assert!(
        stderr.contains("main is protected: open a pull request"),
        "{stderr}"
    );
    assert_eq!(remote_subjects(&w), "");
    // The commit is kept locally, the working tree is clean: nothing of the user's is lost.
    assert_eq!(
        w.sb.git(&w.blog, &["log", "--format=%s"]).trim(),
        "Add \"TCP BBR\""
    );
    assert_eq!(w.sb.git(&w.blog, &["status", "--porcelain"]), "");
}

#[test]
fn the_server_dying_mid_push_keeps_the_commit_and_publishing_again_succeeds() {
    let (w, mut server) = http(false);
    with_helper_token(&w, &server);
    server.die_on_next_push();
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains("could not reach") && stderr.contains("publish again"),
        "{stderr}"
    );
    assert_eq!(remote_subjects(&w), "");

    server.restart();
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert_eq!(remote_subjects(&w).trim(), "Add \"TCP BBR\"");

    // With the server gone for good, publish fails with a reason instead of hanging.
    server.stop();
    std::fs::write(
        w.blog.join("content/posts/new.md"),
        "---\ntitle: New\n---\nx\n",
    )
    .unwrap();
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains("could not reach http://localhost:"),
        "{stderr}"
    );
}

fn ssh_world() -> (World, SshServer) {
    let mut server = None;
    let w = world(|sb, bare| {
        let s = SshServer::start(sb);
        let url = s.url(bare);
        server = Some(s);
        url
    });
    (w, server.unwrap())
}

fn trust(w: &World, server: &SshServer) {
    let ssh = w.sb.home.join(".ssh");
    std::fs::create_dir_all(&ssh).unwrap();
    std::fs::write(ssh.join("known_hosts"), server.host_key_line() + "\n").unwrap();
}

#[test]
fn ssh_through_the_agent_with_a_known_host() {
    let (w, server) = ssh_world();
    trust(&w, &server);
    let (key, public) = user_key(w.sb.root.path(), "agent_key", None);
    server.authorize(&public);
    let agent = SshAgent::start(&w.sb);
    agent.add(&key);
    let o = inkstone(&w, &["publish"])
        .envs(agent.env())
        .output()
        .unwrap();
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}\n{}", server.logs());
    assert_eq!(remote_subjects(&w).trim(), "Add \"TCP BBR\"");
}

#[test]
fn ssh_unknown_hosts_are_never_accepted_silently() {
    let (w, server) = ssh_world();
    let ssh = w.sb.home.join(".ssh");
    std::fs::create_dir_all(&ssh).unwrap();
    let (_, public) = user_key(&ssh, "id_ed25519", None);
    server.authorize(&public);
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!(
            "[127.0.0.1]:{} is not a known SSH host",
            server.port()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("SHA256:"), "{stderr}");
    assert!(
        !ssh.join("known_hosts").exists(),
        "nothing trusted behind the user's back"
    );
    assert_eq!(remote_subjects(&w), "");

    // Once the host is known, the key file in ~/.ssh logs in (no agent).
    trust(&w, &server);
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}\n{}", server.logs());
    assert_eq!(remote_subjects(&w).trim(), "Add \"TCP BBR\"");

    // A changed host key stops everything.
    let line = server.host_key_line();
    let (name, _) = line.split_once(' ').unwrap();
    let other = std::fs::read_to_string(&public).unwrap();
    let other_key: Vec<&str> = other.split_whitespace().take(2).collect();
    std::fs::write(
        ssh.join("known_hosts"),
        format!("{name} {}\n", other_key.join(" ")),
    )
    .unwrap();
    std::fs::write(
        w.blog.join("content/posts/new.md"),
        "---\ntitle: New\n---\nx\n",
    )
    .unwrap();
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (_, stderr) = out(&o);
    assert!(stderr.contains("has CHANGED"), "{stderr}");
}

#[test]
fn an_ssh_key_with_a_passphrase_and_no_agent_says_so() {
    let (w, server) = ssh_world();
    trust(&w, &server);
    let ssh = w.sb.home.join(".ssh");
    let (key, public) = user_key(&ssh, "id_ed25519", Some("correct horse"));
    server.authorize(&public);
    assert!(inkstone_git::is_encrypted(&key));
    let o = inkstone(&w, &["publish"]).output().unwrap();
    let (_, stderr) = out(&o);
    assert!(!o.status.success());
    assert!(stderr.contains("is protected by a passphrase"), "{stderr}");
    assert_eq!(remote_subjects(&w), "");
}

#[test]
fn dry_run_shows_the_plan_without_committing() {
    let (w, _server) = http(false);
    let o = inkstone(&w, &["publish", "--dry-run", "--json"])
        .output()
        .unwrap();
    let (stdout, stderr) = out(&o);
    assert!(o.status.success(), "{stderr}");
    let plan: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(plan["changes"].as_array().unwrap().len(), 2);
    assert_eq!(
        plan["message"].as_str().unwrap().lines().next(),
        Some("Add \"TCP BBR\"")
    );
    assert_eq!(plan["site_url"], "https://example.org/");
    assert!(
        w.sb.git(&w.blog, &["status", "--porcelain"])
            .contains("?? ")
    );
}
