//! Smart HTTP(S): lighttpd + git-http-backend behind basic auth, with a throwaway test CA
//! for TLS and a CGI wrapper that can kill the server in the middle of a push.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::{Sandbox, dump, free_port, kill, run, sh_quote, wait_for_port, write_script};

/// Credentials and transport of an [`HttpServer`].
#[derive(Clone, Debug)]
pub struct HttpOptions {
    pub user: String,
    pub token: String,
    /// Serve https with a certificate for `localhost` and `127.0.0.1` (see [`HttpServer::ca_file`]).
    pub tls: bool,
}

/// lighttpd serving `<sandbox root>/srv` under `/git/` through git-http-backend (mod_cgi,
/// mod_alias, mod_setenv, mod_auth + mod_authn_file: basic auth on every request).
/// Killed on drop.
pub struct HttpServer {
    dir: PathBuf,
    port: u16,
    tls: bool,
    child: Option<Child>,
}

impl HttpServer {
    /// Starts on a free port of 127.0.0.1 and waits until it accepts connections.
    pub fn start(sandbox: &Sandbox, opts: HttpOptions) -> HttpServer {
        let port = free_port();
        let dir = sandbox.root.path().join(format!("http-{port}"));
        std::fs::create_dir_all(dir.join("upload")).expect("create http dir");
        let hash = run(Command::new("openssl").args(["passwd", "-apr1", &opts.token])).stdout;
        let hash = String::from_utf8_lossy(&hash);
        std::fs::write(
            dir.join("htpasswd"),
            format!("{}:{}\n", opts.user, hash.trim()),
        )
        .expect("htpasswd");

        let exec_path = run(sandbox.command("git").arg("--exec-path")).stdout;
        let mut backend =
            PathBuf::from(String::from_utf8_lossy(&exec_path).trim()).join("git-http-backend");
        if !backend.exists() {
            backend = PathBuf::from("/usr/lib/git-core/git-http-backend");
        }
        // lighttpd gives CGIs an almost empty environment: set the sandbox's here.
        let mut script = String::from("#!/bin/sh\n");
        for (k, v) in sandbox.env() {
            script += &format!("export {k}={}\n", sh_quote(&v));
        }
        script += &format!(
            "export PATH=/usr/local/bin:/usr/bin:/bin GIT_PROJECT_ROOT={srv} GIT_HTTP_EXPORT_ALL=1\n\
             cd {dir}\n\
             if [ \"$REQUEST_METHOD\" = POST ] && [ -e die-on-next-push ]; then\n\
             \x20 case \"$PATH_INFO\" in */git-receive-pack) rm -f die-on-next-push; kill -9 \"$(cat server.pid)\"; exit 1;; esac\n\
             fi\n\
             exec {backend}\n",
            srv = sh_quote(&sandbox.srv.display().to_string()),
            dir = sh_quote(&dir.display().to_string()),
            backend = sh_quote(&backend.display().to_string()),
        );
        write_script(&dir.join("git-cgi.sh"), &script);

        let d = dir.display();
        let mut conf = format!(
            "server.modules = (\"mod_alias\", \"mod_setenv\", \"mod_cgi\", \"mod_auth\", \"mod_authn_file\")\n\
             server.bind = \"127.0.0.1\"\nserver.port = {port}\n\
             server.document-root = \"{srv}\"\nserver.errorlog = \"{d}/error.log\"\n\
             server.upload-dirs = (\"{d}/upload\")\ncgi.assign = (\"\" => \"\")\n\
             alias.url = (\"/git/\" => \"{d}/git-cgi.sh/\")\n\
             auth.backend = \"htpasswd\"\nauth.backend.htpasswd.userfile = \"{d}/htpasswd\"\n\
             auth.require = (\"\" => (\"method\" => \"basic\", \"realm\" => \"git\", \"require\" => \"valid-user\"))\n",
            srv = sandbox.srv.display(),
        );
        if opts.tls {
            make_certs(&dir);
            conf += &format!(
                "server.modules += (\"mod_openssl\")\nssl.engine = \"enable\"\n\
                 ssl.pemfile = \"{d}/server.pem\"\nssl.privkey = \"{d}/server.key\"\n"
            );
        }
        std::fs::write(dir.join("lighttpd.conf"), conf).expect("lighttpd.conf");
        let mut server = HttpServer {
            dir,
            port,
            tls: opts.tls,
            child: None,
        };
        server.restart();
        server
    }

    /// `http(s)://127.0.0.1:PORT/git/<repo>`, e.g. `repo = "blog.git"`.
    pub fn url(&self, repo: &str) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}/git/{repo}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// With TLS: the PEM of the throwaway CA that signed the server certificate
    /// (SAN: DNS:localhost, IP:127.0.0.1). Use as `GIT_SSL_CAINFO` / `http.sslCAInfo`.
    pub fn ca_file(&self) -> Option<PathBuf> {
        self.tls.then(|| self.dir.join("ca.pem"))
    }

    /// Kills the server. Its port is not held meanwhile; [`HttpServer::restart`] binds it again.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            kill(&mut child);
        }
    }

    /// (Re)starts the server on the same port and waits until it accepts connections.
    pub fn restart(&mut self) {
        self.stop();
        let log = std::fs::File::create(self.dir.join("stderr.log")).expect("stderr.log");
        let mut child = Command::new("lighttpd")
            .arg("-D")
            .arg("-f")
            .arg(self.dir.join("lighttpd.conf"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("dup log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start lighttpd (apt-get install lighttpd): {e}"));
        std::fs::write(self.dir.join("server.pid"), child.id().to_string()).expect("server.pid");
        let logs = [self.dir.join("stderr.log"), self.dir.join("error.log")];
        wait_for_port("lighttpd", &mut child, self.port, &[&logs[0], &logs[1]]);
        self.child = Some(child);
    }

    /// The next POST to git-receive-pack kills lighttpd and gets no answer; bring the
    /// server back with [`HttpServer::restart`].
    pub fn die_on_next_push(&self) {
        std::fs::write(self.dir.join("die-on-next-push"), "").expect("marker");
    }

    /// The server's logs, for assertion messages.
    pub fn logs(&self) -> String {
        dump(&[&self.dir.join("stderr.log"), &self.dir.join("error.log")])
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A test CA (`ca.pem`) and a server certificate it signed (`server.pem`, `server.key`).
fn make_certs(dir: &Path) {
    let openssl = |args: &str| {
        let mut cmd = Command::new("openssl");
        cmd.current_dir(dir).args(args.split_whitespace());
        run(&mut cmd)
    };
    let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    openssl(&format!(
        "req -x509 {ec} -keyout ca.key -out ca.pem -days 2 -subj /CN=inkstone-test-ca \
         -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign"
    ));
    openssl(&format!(
        "req {ec} -keyout server.key -out server.csr -subj /CN=localhost"
    ));
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .expect("server.ext");
    openssl(
        "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem",
    );
}
