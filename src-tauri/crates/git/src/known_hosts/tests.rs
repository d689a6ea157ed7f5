use super::*;

const KEY: &[u8] = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const OTHER: &[u8] = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

fn file(lines: &str) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("known_hosts");
    std::fs::write(&path, lines).unwrap();
    (dir, vec![path])
}

#[test]
fn plain_ported_and_wildcard_names_match() {
    let (_d, files) = file(&format!(
        "# comment\n{}\n*.example.org ssh-ed25519 {}\n",
        line("127.0.0.1", 2222, "ssh-ed25519", KEY),
        STANDARD.encode(KEY)
    ));
    assert_eq!(
        check(&files, "127.0.0.1", 2222, "ssh-ed25519", KEY),
        HostCheck::Known
    );
    // The same address on another port is another host.
    assert_eq!(
        check(&files, "127.0.0.1", 22, "ssh-ed25519", KEY),
        HostCheck::Unknown
    );
    assert_eq!(
        check(&files, "git.example.org", 22, "ssh-ed25519", KEY),
        HostCheck::Known
    );
    assert_eq!(
        check(&files, "example.org", 22, "ssh-ed25519", KEY),
        HostCheck::Unknown
    );
}

#[test]
fn a_different_key_of_the_same_type_is_a_change_and_revoked_keys_are_refused() {
    let (_d, files) = file(&format!(
        "github.com ssh-ed25519 {}\n",
        STANDARD.encode(OTHER)
    ));
    assert!(matches!(
        check(&files, "github.com", 22, "ssh-ed25519", KEY),
        HostCheck::Changed { .. }
    ));
    // A key of another type is not a change: the host may simply offer several.
    assert_eq!(
        check(&files, "github.com", 22, "ssh-rsa", KEY),
        HostCheck::Unknown
    );
    let (_d, files) = file(&format!(
        "@revoked * ssh-ed25519 {}\n",
        STANDARD.encode(KEY)
    ));
    assert!(matches!(
        check(&files, "a.b", 22, "ssh-ed25519", KEY),
        HostCheck::Changed { .. }
    ));
}

#[test]
fn hashed_names_match_like_openssh() {
    // Made with `ssh-keygen -H` semantics: |1|base64(salt)|base64(hmac_sha1(salt, name)).
    let salt = b"0123456789abcdefghij";
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(salt).unwrap();
    mac.update(b"[localhost]:2200");
    let hash = mac.finalize().into_bytes();
    let entry = format!(
        "|1|{}|{} ssh-ed25519 {}\n",
        STANDARD.encode(salt),
        STANDARD.encode(hash),
        STANDARD.encode(KEY)
    );
    let (_d, files) = file(&entry);
    assert_eq!(
        check(&files, "localhost", 2200, "ssh-ed25519", KEY),
        HostCheck::Known
    );
    assert_eq!(
        check(&files, "localhost", 22, "ssh-ed25519", KEY),
        HostCheck::Unknown
    );
}

#[test]
fn trusting_appends_a_line_that_then_matches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".ssh/known_hosts");
    append(&path, &line("h", 22, "ssh-ed25519", KEY)).unwrap();
    assert_eq!(
        check(std::slice::from_ref(&path), "h", 22, "ssh-ed25519", KEY),
        HostCheck::Known
    );
    assert!(fingerprint(KEY).starts_with("SHA256:"));
    assert!(!fingerprint(KEY).ends_with('='));
}
