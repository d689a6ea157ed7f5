//! The one error every command returns: `{ code, message }`, serialized for the UI.

use serde::Serialize;
use ts_rs::TS;

/// A failed command: a stable `code` for the UI to branch on and a message for people.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// What the UI needs to offer the next step: the host of a missing token, the key
    /// wanting a passphrase, the fingerprint of an unknown SSH host.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_string(),
            message: message.into(),
            detail: None,
        }
    }
}

impl From<inkstone_git::Error> for CommandError {
    fn from(e: inkstone_git::Error) -> Self {
        use inkstone_git::Error as E;
        let detail = match &e {
            E::TokenNeeded { host } | E::AuthFailed { host } => Some(host.clone()),
            E::PassphraseNeeded { key } | E::WrongPassphrase { key } => {
                Some(key.display().to_string())
            }
            E::UnknownHost { fingerprint, .. } => Some(fingerprint.clone()),
            _ => None,
        };
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
            detail,
        }
    }
}

impl From<inkstone_content::Error> for CommandError {
    fn from(e: inkstone_content::Error) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

impl From<inkstone_content::frontmatter::FmError> for CommandError {
    fn from(e: inkstone_content::frontmatter::FmError) -> Self {
        CommandError::new(
            "front_matter",
            format!("line {}: {} front matter: {}", e.line, e.format, e.message),
        )
    }
}

/// What commands return.
pub type CmdResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let e: CommandError = inkstone_content::Error::NotABlog("/tmp/x".into()).into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "not_a_blog");
        assert!(
            json["message"]
                .as_str()
                .unwrap()
                .starts_with("/tmp/x: not a Hugo")
        );
        assert_eq!(json.as_object().unwrap().len(), 2);
    }

    #[test]
    fn publish_errors_carry_what_the_next_step_needs() {
        let e: CommandError = inkstone_git::Error::TokenNeeded {
            host: "github.com".into(),
        }
        .into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "token_needed");
        assert_eq!(json["detail"], "github.com");
        let e: CommandError = inkstone_git::Error::UnknownHost {
            host: "[h]:2222".into(),
            key_type: "ED25519".into(),
            fingerprint: "SHA256:abc".into(),
            line: "[h]:2222 ssh-ed25519 AAAA".into(),
        }
        .into();
        assert_eq!(e.detail.as_deref(), Some("SHA256:abc"));
        assert!(e.message.contains("SHA256:abc"));
    }
}
