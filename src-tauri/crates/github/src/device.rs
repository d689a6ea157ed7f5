//! Signing in with GitHub's OAuth device flow, as GitHub documents it: ask for a device code,
//! show the user its one-time code and the page to enter it on, then poll for the token at
//! the interval GitHub gives (5 s more after each `slow_down`) until the user approves,
//! denies, or the code expires. Errors come back as HTTP 200 with an `error` field.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{Api, Error, Result, SCOPES};

/// What the user is shown: the code to type and where.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DeviceCode {
    /// Never shown: what Inkstone polls with.
    #[serde(skip_serializing)]
    pub device_code: String,
    pub user_code: String,
    pub verification_uri: String,
    /// Seconds until the code expires (GitHub: 900).
    pub expires_in: u64,
    /// Seconds to wait between polls (GitHub: 5).
    #[serde(default = "five")]
    pub interval: u64,
}

fn five() -> u64 {
    5
}

/// How the device flow can end without a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceError {
    #[error("the sign-in code expired before it was entered: run `inkstone login` again")]
    Expired,
    #[error("the sign-in was cancelled on GitHub (access denied)")]
    Denied,
    #[error(
        "this OAuth app does not allow the device flow (enable it in the app's settings on GitHub), or its client id {0:?} is wrong"
    )]
    Disabled(String),
    #[error("GitHub refused the sign-in: {0}")]
    Other(String),
    #[error("the sign-in was stopped")]
    Cancelled,
}

/// GitHub's answer to a poll.
#[derive(Debug, Deserialize)]
struct PollAnswer {
    access_token: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    interval: Option<u64>,
}

impl Api {
    /// Asks for a device code for `client_id`, with Inkstone's scopes.
    pub fn device_code(&self, client_id: &str) -> Result<DeviceCode> {
        let url = self
            .endpoints
            .web
            .join("login/device/code")
            .map_err(|e| Error::Config(e.to_string()))?;
        let shown = url.to_string();
        let scope = SCOPES.join(" ");
        let answer = self.post_form(&shown, &[("client_id", client_id), ("scope", &scope)])?;
        let (status, body) = (answer.status, answer.body);
        let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        if let Some(error) = value.get("error").and_then(|e| e.as_str()) {
            return Err(Error::Device(match error {
                "device_flow_disabled" | "unauthorized_client" | "incorrect_client_credentials" => {
                    DeviceError::Disabled(client_id.to_string())
                }
                other => DeviceError::Other(describe(other, &value)),
            }));
        }
        if status != 200 {
            return Err(Error::Http {
                url: shown,
                status,
                message: crate::message_of(&body),
            });
        }
        serde_json::from_value(value).map_err(|e| Error::Answer {
            what: "the device code".into(),
            url: shown,
            reason: e.to_string(),
        })
    }

    /// Polls until the user approved (the token), denied, or the code expired. `sleep` waits
    /// and says whether to go on (`false`: the user stopped the sign-in; tests pass one that
    /// does not wait); `interval` grows by 5 s on each `slow_down`, as GitHub
    /// asks, or to the interval GitHub names. A poll that cannot reach GitHub is an error at
    /// once (the caller may start again).
    pub fn poll_token(
        &self,
        client_id: &str,
        code: &DeviceCode,
        mut sleep: impl FnMut(Duration) -> bool,
    ) -> Result<String> {
        let url = self
            .endpoints
            .web
            .join("login/oauth/access_token")
            .map_err(|e| Error::Config(e.to_string()))?;
        let shown = url.to_string();
        let mut interval = code.interval.max(1);
        let mut waited = Duration::ZERO;
        loop {
            if !sleep(Duration::from_secs(interval)) {
                return Err(DeviceError::Cancelled.into());
            }
            waited += Duration::from_secs(interval);
            let sent = self.post_form(
                &shown,
                &[
                    ("client_id", client_id),
                    ("device_code", code.device_code.as_str()),
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ],
            )?;
            let (status, body) = (sent.status, sent.body);
            let answer: PollAnswer = match serde_json::from_str(&body) {
                Ok(a) => a,
                // Not GitHub's JSON: an overloaded server's page, a proxy's.
                Err(_) if status != 200 => {
                    return Err(Error::Http {
                        url: shown,
                        status,
                        message: crate::message_of(&body),
                    });
                }
                Err(e) => {
                    return Err(Error::Answer {
                        what: "the sign-in answer".into(),
                        url: shown,
                        reason: e.to_string(),
                    });
                }
            };
            if let Some(token) = answer.access_token.filter(|t| !t.is_empty()) {
                return Ok(token);
            }
            match answer.error.as_deref() {
                Some("authorization_pending") => {}
                Some("slow_down") => {
                    interval = answer.interval.unwrap_or(interval + 5).max(interval + 5);
                }
                Some("expired_token" | "token_expired") => return Err(DeviceError::Expired.into()),
                Some("access_denied") => return Err(DeviceError::Denied.into()),
                Some("device_flow_disabled" | "incorrect_client_credentials") => {
                    return Err(DeviceError::Disabled(client_id.to_string()).into());
                }
                Some(other) => {
                    let v = serde_json::json!({ "error_description": answer.error_description });
                    return Err(DeviceError::Other(describe(other, &v)).into());
                }
                None => {
                    return Err(Error::Answer {
                        what: "the sign-in answer".into(),
                        url: shown,
                        reason: "neither a token nor an error".into(),
                    });
                }
            }
            // GitHub says `expired_token` when the code's time is up; a server that never
            // does is not waited on for longer than that (and a minute).
            if waited > Duration::from_secs(code.expires_in + 60) {
                return Err(DeviceError::Expired.into());
            }
        }
    }
}

fn describe(error: &str, value: &serde_json::Value) -> String {
    match value.get("error_description").and_then(|d| d.as_str()) {
        Some(d) => format!("{error}: {d}"),
        None => error.to_string(),
    }
}
