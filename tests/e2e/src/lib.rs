//! The harness for real-window tests: a private copy of the sample blog, the debug app under
//! tauri-driver + WebKitWebDriver (run under Xvfb), and helpers that wait for what a user
//! would see.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The app under test: `INKSTONE_APP`, else the debug build.
pub fn app_binary() -> PathBuf {
    if let Some(app) = std::env::var_os("INKSTONE_APP") {
        return PathBuf::from(app);
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from);
    let bin = target.join("debug/inkstone-app");
    assert!(
        bin.is_file(),
        "{} missing: run `make e2e` (it builds the app first)",
        bin.display()
    );
    bin
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Copies a blog (without build output).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if name == "public" || name == "resources" {
            continue;
        }
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(&name));
        } else {
            std::fs::copy(e.path(), to.join(&name)).unwrap();
        }
    }
}

/// One running app on a private blog.
pub struct App {
    pub client: Client,
    pub blog: PathBuf,
    /// Every URL the app asked the system to open, one a line (a stand-in `xdg-open`).
    pub opened: PathBuf,
    /// The app's data folder (settings, journal): kept across `crash_and_restart`.
    pub data: PathBuf,
    driver: Child,
    env: Vec<(String, String)>,
    _tmp: tempfile::TempDir,
}

impl App {
    /// Starts the app on a fresh copy of `posts/` and waits until its window is ready.
    pub async fn start() -> App {
        App::start_with(|_| {}, Vec::new()).await
    }

    /// Like `start`, after `setup` has prepared the blog copy (a git repository, say), with
    /// `env` added to the app's environment.
    pub async fn start_with(setup: impl FnOnce(&Path), env: Vec<(String, String)>) -> App {
        let tmp = tempfile::tempdir().unwrap();
        let blog = tmp.path().join("blog");
        copy_dir(&repo().join("posts"), &blog);
        setup(&blog);
        let data = tmp.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        // The app opens links with `xdg-open`; this one only writes down what it was given.
        let bin = tmp.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let opened = tmp.path().join("opened.txt");
        let script = bin.join("xdg-open");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
                opened.display()
            ),
        )
        .unwrap();
        std::process::Command::new("chmod")
            .arg("+x")
            .arg(&script)
            .status()
            .unwrap();
        App::launch(tmp, blog, data, opened, env).await
    }

    /// `kill -9`s the app (no chance to save or clean up), then starts it again on the same
    /// blog and data folder and waits for its window, like a user reopening it after a crash.
    pub async fn crash_and_restart(self) -> App {
        let bin = app_binary();
        let killed = Command::new("pkill")
            .args(["-KILL", "-f", &bin.display().to_string()])
            .status()
            .unwrap();
        assert!(killed.success(), "no app process to kill");
        self.relaunch().await
    }

    /// Ends this session and its driver, then starts the app again on the same blog and data
    /// folder (its process already gone) and waits for its window.
    async fn relaunch(mut self) -> App {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
        self.stop_driver();
        let tmp = tempfile::tempdir().unwrap();
        let old = std::mem::replace(&mut self._tmp, tmp);
        let env = std::mem::take(&mut self.env);
        let (blog, data, opened) = (self.blog.clone(), self.data.clone(), self.opened.clone());
        drop(self);
        App::launch(old, blog, data, opened, env).await
    }

    /// Closes the window the way the app closes it (the page has settled its posts), waits for
    /// the process to end, and starts it again on the same blog and data folder: what a user
    /// sees on the next start.
    pub async fn restart(self) -> App {
        let _ = tokio::time::timeout(
            Duration::from_secs(5),
            self.client.execute(
                "window.__TAURI_INTERNALS__.invoke('app_close'); return true",
                vec![],
            ),
        )
        .await;
        let deadline = Instant::now() + Duration::from_secs(15);
        while !self.pids().is_empty() {
            assert!(
                Instant::now() < deadline,
                "the app did not exit after app_close"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.relaunch().await
    }

    /// The processes of this app (its data folder in their environment), not of another test.
    fn pids(&self) -> Vec<u32> {
        let bin = std::fs::canonicalize(app_binary()).unwrap_or_else(|_| app_binary());
        let want = format!("INKSTONE_DATA_DIR={}", self.data.display());
        std::fs::read_dir("/proc")
            .map(|dir| {
                dir.flatten()
                    .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
                    .filter(|pid| {
                        std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == bin)
                            && std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|env| {
                                env.split(|b| *b == 0).any(|kv| kv == want.as_bytes())
                            })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn launch(
        tmp: tempfile::TempDir,
        blog: PathBuf,
        data: PathBuf,
        opened: PathBuf,
        env: Vec<(String, String)>,
    ) -> App {
        let bin = tmp.path().join("bin");
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let port = free_port();
        let native = free_port();
        let driver =
            Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()))
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native.to_string(),
                ])
                .env("INKSTONE_BLOG", &blog)
                .env("INKSTONE_DATA_DIR", &data)
                .env("LANG", "en_US.UTF-8")
                .env("PATH", path)
                .envs(env.clone())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tauri-driver not found: `make e2e` installs it");
        let caps: serde_json::Map<String, Value> = serde_json::from_value(json!({
            "tauri:options": { "application": app_binary() }
        }))
        .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("no WebDriver session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        let app = App {
            client,
            blog,
            opened,
            data,
            driver,
            env,
            _tmp: tmp,
        };
        // Ready, and done starting: the first post's preview is shown (or a recovery
        // question is open, or there is no post), so nothing re-renders under the test.
        app.wait_js(
            "const b = document.body.dataset; return b.ready === 'true' && (!!b.previewSeq || !!document.querySelector('dialog[open]') || !document.querySelector('li.post'))",
            "the window to be ready",
        )
        .await;
        app
    }

    /// Runs `script` (a function body) in the app window.
    pub async fn js(&self, script: &str) -> Value {
        answer("a script", self.client.execute(script, vec![]))
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits (up to 15 s) until `script` returns something truthy, and returns it.
    pub async fn wait_js(&self, script: &str, what: &str) -> Value {
        self.wait_js_within(script, what, Duration::from_secs(15))
            .await
    }

    /// Like `wait_js`, for something that takes its time (a push and a build followed).
    pub async fn wait_js_within(&self, script: &str, what: &str, limit: Duration) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let v = self.js(script).await;
            let truthy =
                !matches!(v, Value::Null | Value::Bool(false)) && v != json!("") && v != json!(0);
            if truthy {
                return v;
            }
            if Instant::now() > deadline {
                let editor = self.js("return (document.querySelector('.cm-content')?.innerText || '').slice(-400)").await;
                let preview = self.js("const d = document.getElementById('preview').contentDocument; return d ? d.body.innerText.slice(-400) : null").await;
                let side = self.js("return (document.getElementById('library')?.innerText || '').slice(0, 600)").await;
                let status = self
                    .js("return document.querySelector('.status')?.innerText || ''")
                    .await;
                let dialogs = self
                    .js("return [...document.querySelectorAll('dialog[open]')].map((d) => `#${d.id} ${d.className}: ${d.innerText.slice(0, 300)}`).join('\\n')")
                    .await;
                let errors = self
                    .js("return (window.__inkstoneErrors?.() || []).join('\\n')")
                    .await;
                panic!(
                    "timed out waiting for {what}\n--- editor tail: {editor}\n--- preview tail: {preview}\n--- library: {side}\n--- status bar: {status}\n--- open dialogs: {dialogs}\n--- uncaught errors: {errors}"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the library entry of `path` and waits for its preview.
    pub async fn open_post(&self, path: &str) {
        let seq = self
            .js("return document.body.dataset.previewSeq || ''")
            .await;
        self.click(&format!("li.post[data-path='{path}']")).await;
        let script = format!(
            "const b = document.body.dataset; return b.previewSeq && b.previewSeq !== {seq} && b.previewPath === '{path}' && document.querySelector(\"li.post.active\")?.dataset.path === '{path}'"
        );
        self.wait_js(&script, &format!("{path} to open")).await;
    }

    /// The preview document's text inside `selector`, or null.
    pub fn preview_query(selector: &str) -> String {
        format!(
            "const d = document.getElementById('preview').contentDocument; const e = d && d.querySelector({selector:?}); return e ? e.textContent : null;"
        )
    }

    /// Types into the editor at the end of the document, like a user would.
    pub async fn type_at_end(&self, text: &str) {
        let content = answer(
            "find .cm-content",
            self.client.find(Locator::Css(".cm-content")),
        )
        .await
        .unwrap();
        answer("a click in the editor", content.click())
            .await
            .unwrap();
        // Ctrl+End, release modifiers, then the text.
        answer("Ctrl+End", content.send_keys("\u{E009}\u{E010}\u{E000}"))
            .await
            .unwrap();
        // WebKitWebDriver drops a "\n" in the middle of typed text; press Enter instead.
        answer(
            "typing in the editor",
            content.send_keys(&text.replace('\n', "\u{E007}")),
        )
        .await
        .unwrap();
    }

    /// Clicks the element matching `css`. The UI may draw that part again between finding the
    /// element and clicking it (the library follows the files on disk): the click is then
    /// retried on the element drawn in its place, as a user's next click would land on it.
    pub async fn click(&self, css: &str) {
        // In sight first, as a user would scroll to it (WebDriver's own scrolling can leave
        // it at an edge where it does not take the click).
        self.js(&format!(
            "document.querySelector({css:?})?.scrollIntoView({{block: 'nearest'}}); return null"
        ))
        .await;
        // Still, too: a dialog still growing (a merge view measuring itself) moves its buttons
        // between WebDriver's aim and its click.
        let rect = format!(
            "const e = document.querySelector({css:?}); if (!e) return null; const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(' ')"
        );
        let still = Instant::now() + Duration::from_secs(3);
        let mut was = self.js(&rect).await;
        while Instant::now() < still {
            tokio::time::sleep(Duration::from_millis(120)).await;
            let now = self.js(&rect).await;
            if now == was {
                break;
            }
            was = now;
        }
        for attempt in 0.. {
            let found = answer("find", self.client.find(Locator::Css(css)))
                .await
                .unwrap_or_else(|e| panic!("no {css}: {e}"));
            match answer("a click", found.click()).await {
                Ok(_) => return,
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference
                        && attempt < 5 =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("clicking {css}: {e:?}"),
            }
        }
    }

    /// Waits until the preview has stopped moving: after typing, scroll sync brings the preview
    /// in line with the editor once typing pauses (150 ms), and a click aimed before that lands
    /// wherever the scroll has carried the page by then.
    pub async fn settle_preview(&self) {
        let probe = "const w = document.getElementById('preview').contentWindow; return [w.scrollY, w.document.documentElement.scrollHeight]";
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut last = self.js(probe).await;
        loop {
            tokio::time::sleep(Duration::from_millis(400)).await;
            let now = self.js(probe).await;
            if now == last || Instant::now() > deadline {
                break;
            }
            last = now;
        }
    }

    /// Clicks the element matching `css` inside the preview frame. A link's new-window request
    /// can reset WebDriver's browsing context a moment after the click, so each attempt enters
    /// the frame afresh until the element is found (up to 5 s).
    pub async fn click_in_preview(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let _ = answer("leaving the frame", self.client.enter_parent_frame()).await;
            let found = match answer("entering the preview", self.client.enter_frame(0)).await {
                Ok(()) => answer("find", self.client.find(Locator::Css(css)))
                    .await
                    .ok(),
                Err(_) => None,
            };
            if let Some(el) = found {
                answer("a click in the preview", el.click()).await.unwrap();
                break;
            }
            assert!(Instant::now() < deadline, "no {css} in the preview");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = answer("leaving the frame", self.client.enter_parent_frame()).await;
    }

    /// Types `text` into the element matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = answer("find", self.client.find(Locator::Css(css)))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        answer("typing", el.send_keys(text)).await.unwrap();
    }

    /// Moves the mouse pointer over the element matching `css`, as a user about to scroll it.
    pub async fn hover(&self, css: &str) {
        let el = answer("find", self.client.find(Locator::Css(css)))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        let actions = MouseActions::new("mouse".to_string()).then(PointerAction::MoveToElement {
            element: el,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        answer("a pointer move", self.client.perform_actions(actions))
            .await
            .unwrap();
    }

    /// Saves a screenshot under `target/e2e/NAME.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = answer("a screenshot", self.client.screenshot())
            .await
            .unwrap();
        let dir = repo().join("target/e2e");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    pub async fn close(mut self) {
        // A session that does not end in time is left to the driver's SIGTERM below.
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver too (SIGKILL would orphan it).
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.driver.id().to_string())
            .status();
        let _ = self.driver.wait();
    }
}

/// Awaits one WebDriver command, which WebKitWebDriver can leave unanswered (a window that
/// stopped painting, a modal it waits on): after 20 s the test fails naming the command, where
/// nextest would only report a test that ran too long.
pub async fn answer<T>(what: &str, command: impl std::future::Future<Output = T>) -> T {
    match tokio::time::timeout(Duration::from_secs(20), command).await {
        Ok(v) => v,
        Err(_) => panic!("WebDriver did not answer {what} within 20 s"),
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            self.stop_driver();
        }
    }
}

/// A private D-Bus session bus (the single-instance handover goes over it on Linux, and the
/// keychain's Secret Service); killed on drop.
pub struct SessionBus {
    daemon: Child,
    pub address: String,
    dir: tempfile::TempDir,
}

impl SessionBus {
    pub fn start() -> SessionBus {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("bus");
        let address = format!("unix:path={}", socket.display());
        let daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .spawn()
            .expect("dbus-daemon not found: `make e2e` installs it");
        let until = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(Instant::now() < until, "dbus-daemon did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        SessionBus {
            daemon,
            address,
            dir,
        }
    }

    /// Starts gnome-keyring's Secret Service on this bus with its "login" collection unlocked,
    /// stored under the sandbox's `XDG_DATA_HOME`, and waits until it answers.
    pub fn with_secret_service(self, sb: &inkstone_testserver::Sandbox) -> SessionBus {
        let runtime = self.dir.path().join("run");
        std::fs::create_dir_all(&runtime).unwrap();
        let status = sb
            .command("sh")
            .args([
                "-c",
                "printf inkstone | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
                 i=0; until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                 org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; do \
                 i=$((i+1)); [ $i -gt 200 ] && exit 1; sleep 0.05; done",
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("XDG_RUNTIME_DIR", &runtime)
            .status()
            .expect("gnome-keyring-daemon: `make e2e` installs it");
        assert!(status.success(), "the Secret Service did not start");
        self
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
