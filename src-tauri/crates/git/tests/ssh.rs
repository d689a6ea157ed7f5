//! The answers the app collects — a key's passphrase, trusting an unknown host — used by a
//! publish over SSH to Debian's sshd on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use inkstone_git::{Auth, Error, Options, publish};
use inkstone_testserver::{Sandbox, SshServer, user_key};

struct World {
    sb: Sandbox,
    server: SshServer,
    bare: PathBuf,
    blog: PathBuf,
    ssh_dir: PathBuf,
}

fn world(passphrase: Option<&str>) -> World {
    let sb = common::sandbox();
    let server = SshServer::start(&sb);
    let bare = sb.bare_repo("blog");
    let blog = sb.root.path().join("blog");
    std::fs::create_dir_all(blog.join("content/posts")).unwrap();
    std::fs::write(blog.join("hugo.toml"), "title = \"T\"\n").unwrap();
    std::fs::write(
        blog.join("content/posts/a.md"),
        "---\ntitle: A\n---\nbody\n",
    )
    .unwrap();
    sb.git(&blog, &["init", "-q", "-b", "main"]);
    sb.git(&blog, &["remote", "add", "origin", &server.url(&bare)]);
    let ssh_dir = sb.root.path().join("dot-ssh");
    std::fs::create_dir_all(&ssh_dir).unwrap();
    let (_, public) = user_key(&ssh_dir, "id_ed25519", passphrase);
    server.authorize(&public);
    World {
        sb,
        server,
        bare,
        blog,
        ssh_dir,
    }
}

fn auth(w: &World) -> Auth {
    Auth {
        tokens: None,
        ssh_dir: Some(w.ssh_dir.clone()),
        known_hosts: vec![w.ssh_dir.join("known_hosts")],
        passphrase: None,
        trust_fingerprint: None,
    }
}

fn remote_log(w: &World) -> String {
    w.sb.git(&w.bare, &["log", "--format=%s", "--all"])
}

#[test]
fn an_unknown_host_is_trusted_only_with_the_fingerprint_the_user_saw() {
    let w = world(None);
    let err = publish(&w.blog, &Options::default(), &auth(&w), &|_| {}).unwrap_err();
    let Error::UnknownHost {
        fingerprint, host, ..
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(host, format!("[127.0.0.1]:{}", w.server.port()));
    assert!(!w.ssh_dir.join("known_hosts").exists());

    // A different fingerprint is not an answer to this question.
    let mut wrong = auth(&w);
    wrong.trust_fingerprint = Some("SHA256:somethingelse".into());
    assert!(matches!(
        publish(&w.blog, &Options::default(), &wrong, &|_| {}),
        Err(Error::UnknownHost { .. })
    ));

    let mut yes = auth(&w);
    yes.trust_fingerprint = Some(fingerprint);
    let out = publish(&w.blog, &Options::default(), &yes, &|_| {}).unwrap();
    assert!(out.published, "{}", w.server.logs());
    assert_eq!(remote_log(&w).trim(), "Add \"A\"");
    let known = std::fs::read_to_string(w.ssh_dir.join("known_hosts")).unwrap();
    assert_eq!(known.trim(), w.server.host_key_line());
}

#[test]
fn an_encrypted_key_asks_for_its_passphrase_and_a_wrong_one_is_named() {
    let w = world(Some("correct horse"));
    std::fs::write(
        w.ssh_dir.join("known_hosts"),
        w.server.host_key_line() + "\n",
    )
    .unwrap();
    let key = w.ssh_dir.join("id_ed25519");

    let err = publish(&w.blog, &Options::default(), &auth(&w), &|_| {}).unwrap_err();
    assert!(
        matches!(&err, Error::PassphraseNeeded { key: k } if *k == key),
        "{err:?}"
    );

    let mut wrong = auth(&w);
    wrong.passphrase = Some("battery staple".into());
    let err = publish(&w.blog, &Options::default(), &wrong, &|_| {}).unwrap_err();
    assert!(
        matches!(&err, Error::WrongPassphrase { key: k } if *k == key),
        "{err:?}"
    );
    assert_eq!(remote_log(&w), "");

    let mut right = auth(&w);
    right.passphrase = Some("correct horse".into());
    publish(&w.blog, &Options::default(), &right, &|_| {}).unwrap();
    assert_eq!(remote_log(&w).trim(), "Add \"A\"");
}
