//! Where a remote URL points: scheme, host, port and user, for credentials and known_hosts.

/// The transport of a remote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
    Ssh,
    Git,
    File,
}

/// A parsed remote URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: Scheme,
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    /// The repository path, without a leading `/` or a trailing `.git`.
    pub path: String,
}

impl Endpoint {
    /// Parses `https://…`, `ssh://…`, `git://…`, `file://…`, scp-like `user@host:path` and
    /// plain local paths.
    pub fn parse(url: &str) -> Endpoint {
        if let Ok(u) = url::Url::parse(url) {
            let scheme = match u.scheme() {
                "http" => Some(Scheme::Http),
                "https" => Some(Scheme::Https),
                "ssh" | "git+ssh" | "ssh+git" => Some(Scheme::Ssh),
                "git" => Some(Scheme::Git),
                "file" => Some(Scheme::File),
                _ => None,
            };
            if let Some(scheme) = scheme {
                let default_port = match scheme {
                    Scheme::Http => 80,
                    Scheme::Https => 443,
                    Scheme::Ssh => 22,
                    Scheme::Git => 9418,
                    Scheme::File => 0,
                };
                let user = (!u.username().is_empty()).then(|| u.username().to_string());
                return Endpoint {
                    scheme,
                    host: u
                        .host_str()
                        .unwrap_or_default()
                        .trim_matches(['[', ']'])
                        .to_string(),
                    port: u.port().unwrap_or(default_port),
                    user,
                    path: trim_path(u.path()),
                };
            }
        }
        // scp-like syntax: [user@]host:path (not a Windows drive letter like C:\blog).
        if let Some((left, path)) = url.split_once(':')
            && left.len() > 1
            && !left.contains('/')
            && !path.starts_with("//")
        {
            let (user, host) = match left.split_once('@') {
                Some((u, h)) => (Some(u.to_string()), h.to_string()),
                None => (None, left.to_string()),
            };
            return Endpoint {
                scheme: Scheme::Ssh,
                host,
                port: 22,
                user,
                path: trim_path(path),
            };
        }
        Endpoint {
            scheme: Scheme::File,
            host: String::new(),
            port: 0,
            user: None,
            path: url.into(),
        }
    }

    /// The keychain account of this host: `host`, or `host:port` off the default port.
    pub fn host_key(&self) -> String {
        let default = matches!(
            (self.scheme, self.port),
            (Scheme::Https, 443) | (Scheme::Http, 80) | (Scheme::Ssh, 22)
        );
        if default {
            self.host.clone()
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

fn trim_path(p: &str) -> String {
    p.trim_start_matches('/')
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_urls_in_every_spelling() {
        let https = Endpoint::parse("https://github.com/alice/alice.github.io.git");
        assert_eq!(
            (https.scheme, https.host.as_str(), https.port),
            (Scheme::Https, "github.com", 443)
        );
        assert_eq!(https.path, "alice/alice.github.io");
        assert_eq!(https.host_key(), "github.com");
        let scp = Endpoint::parse("git@github.com:alice/blog.git");
        assert_eq!(
            (scp.scheme, scp.user.as_deref(), scp.path.as_str()),
            (Scheme::Ssh, Some("git"), "alice/blog")
        );
        let ssh = Endpoint::parse("ssh://git@127.0.0.1:2222/srv/blog.git");
        assert_eq!(
            (ssh.port, ssh.host_key().as_str()),
            (2222, "127.0.0.1:2222")
        );
        let local = Endpoint::parse("/srv/blog.git");
        assert_eq!(local.scheme, Scheme::File);
        assert_eq!(Endpoint::parse(r"C:\blogs\site.git").scheme, Scheme::File);
    }
}
