//! Smoke tests of the harness itself, with the real `git` CLI as the client.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Output;

use inkstone_testserver::{
    HttpOptions, HttpServer, Sandbox, SshAgent, SshServer, in_keyring_session, user_key,
};

/// A work tree with one commit on `main`.
fn work_tree(sb: &Sandbox) -> PathBuf {
    let dir = sb.root.path().join("work");
    std::fs::create_dir_all(&dir).unwrap();
    sb.git(&dir, &["init", "-q"]);
    std::fs::write(dir.join("post.md"), "# Hello\n").unwrap();
    sb.git(&dir, &["add", "."]);
    sb.git(&dir, &["commit", "-q", "-m", "first"]);
    dir
}

fn push(sb: &Sandbox, dir: &Path, url: &str, env: &[(&str, &str)]) -> Output {
    let mut cmd = sb.command("git");
    cmd.current_dir(dir)
        .args(["push", url, "main"])
        .envs(env.iter().copied());
    cmd.output().unwrap()
}

fn ok(out: &Output, context: &str) {
    assert!(
        out.status.success(),
        "{context}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn with_creds(url: &str, user: &str, token: &str) -> String {
    url.replacen("://", &format!("://{user}:{token}@"), 1)
}

fn opts(tls: bool) -> HttpOptions {
    HttpOptions {
        user: "alice".into(),
        token: "s3cret-token".into(),
        tls,
    }
}

#[test]
fn http_push_clone_auth_reject_and_crash() {
    let sb = Sandbox::new();
    let bare = sb.bare_repo("blog");
    let mut server = HttpServer::start(&sb, opts(false));
    let dir = work_tree(&sb);
    let url = with_creds(&server.url("blog.git"), "alice", "s3cret-token");

    ok(&push(&sb, &dir, &url, &[]), &server.logs());
    let clone = sb.root.path().join("clone").display().to_string();
    sb.git(sb.root.path(), &["clone", "-q", &url, &clone]);
    assert!(Path::new(&clone).join("post.md").exists());

    // The trace shows the server's status line; git itself only says "Authentication failed".
    let trace = [("GIT_TRACE_CURL", "1"), ("GIT_TRACE_CURL_NO_DATA", "1")];
    let bad = push(
        &sb,
        &dir,
        &with_creds(&server.url("blog.git"), "alice", "wrong"),
        &trace,
    );
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("HTTP/1.1 401") && stderr.contains("Authentication failed"),
        "{stderr}"
    );

    std::fs::write(dir.join("post.md"), "# Hello again\n").unwrap();
    sb.git(&dir, &["commit", "-q", "-am", "second"]);
    sb.reject_pushes(&bare, "publishing is frozen");
    let rejected = push(&sb, &dir, &url, &[]);
    assert!(!rejected.status.success());
    assert!(String::from_utf8_lossy(&rejected.stderr).contains("publishing is frozen"));
    std::fs::remove_file(bare.join("hooks/pre-receive")).unwrap();

    server.die_on_next_push();
    let crashed = push(&sb, &dir, &url, &[]);
    assert!(
        !crashed.status.success(),
        "push through a dying server succeeded"
    );
    server.restart();
    ok(&push(&sb, &dir, &url, &[]), &server.logs());
    assert_eq!(
        sb.git(&bare, &["log", "-1", "--format=%s", "main"]).trim(),
        "second"
    );
}

#[test]
fn https_push_with_test_ca() {
    let sb = Sandbox::new();
    sb.bare_repo("blog");
    let server = HttpServer::start(&sb, opts(true));
    let dir = work_tree(&sb);
    let url = with_creds(&server.url("blog.git"), "alice", "s3cret-token");
    assert!(url.starts_with("https://"));
    let ca = server.ca_file().unwrap().display().to_string();
    assert!(
        !push(&sb, &dir, &url, &[]).status.success(),
        "untrusted certificate was accepted"
    );
    ok(
        &push(&sb, &dir, &url, &[("GIT_SSL_CAINFO", &ca)]),
        &server.logs(),
    );
}

#[test]
fn ssh_push_with_key_file_and_agent() {
    let sb = Sandbox::new();
    let bare = sb.bare_repo("blog");
    let server = SshServer::start(&sb);
    let keys = sb.root.path();
    let (key, public) = user_key(keys, "id_test", None);
    server.authorize(&public);
    let (locked, locked_pub) = user_key(keys, "id_locked", Some("correct horse"));
    server.authorize(&locked_pub);
    let known_hosts = keys.join("known_hosts");
    std::fs::write(&known_hosts, server.host_key_line() + "\n").unwrap();
    let ssh = format!(
        "ssh -F none -o UserKnownHostsFile={} -o StrictHostKeyChecking=yes -o BatchMode=yes",
        known_hosts.display()
    );
    let dir = work_tree(&sb);
    let url = server.url(&bare);

    let with_key = format!("{ssh} -i {} -o IdentitiesOnly=yes", key.display());
    ok(
        &push(&sb, &dir, &url, &[("GIT_SSH_COMMAND", &with_key)]),
        &server.logs(),
    );

    let agent_env = |agent: &SshAgent| {
        let sock = agent.socket().display().to_string();
        vec![("GIT_SSH_COMMAND", ssh.clone()), ("SSH_AUTH_SOCK", sock)]
    };
    let push_via = |agent: &SshAgent| {
        let env = agent_env(agent);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        push(&sb, &dir, &url, &env)
    };

    std::fs::write(dir.join("post.md"), "# Via key in agent\n").unwrap();
    sb.git(&dir, &["commit", "-q", "-am", "key in agent"]);
    let agent = SshAgent::start(&sb);
    assert!(
        !push_via(&agent).status.success(),
        "pushed with an empty agent"
    );
    agent.add(&key);
    ok(&push_via(&agent), &server.logs());

    // A passphrase-protected key, unlocked once into a fresh agent.
    std::fs::write(dir.join("post.md"), "# Via agent\n").unwrap();
    sb.git(&dir, &["commit", "-q", "-am", "agent"]);
    let agent = SshAgent::start(&sb);
    agent.add_with_passphrase(&locked, "correct horse");
    ok(&push_via(&agent), &server.logs());
    assert_eq!(
        sb.git(&bare, &["log", "-1", "--format=%s", "main"]).trim(),
        "agent"
    );
}

#[test]
fn keyring_session_stores_and_reads_a_secret() {
    let sb = Sandbox::new();
    let script = "printf %s hunter2 | secret-tool store --label x service inkstone account test \
                  && secret-tool lookup service inkstone account test";
    let out = in_keyring_session(&sb, std::process::Command::new("sh").args(["-c", script]));
    ok(
        &out,
        "secret-tool in the keyring session (apt-get install libsecret-tools)",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hunter2");
    // The collection lives in the sandbox: a new session unlocks it again.
    let mut lookup = std::process::Command::new("secret-tool");
    lookup.args(["lookup", "service", "inkstone", "account", "test"]);
    assert_eq!(
        String::from_utf8_lossy(&in_keyring_session(&sb, &mut lookup).stdout),
        "hunter2"
    );
}
