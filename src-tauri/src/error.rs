//! The one error every command returns: `{ code, message }`, serialized for the UI.

use serde::Serialize;
use ts_rs::TS;

/// A failed command: a stable `code` for the UI to branch on and a message for people.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_string(),
            message: message.into(),
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
}
