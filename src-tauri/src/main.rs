// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // GTK cannot open a window without a display and panics when it tries: say so in one line.
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "inkstone-app: no display (DISPLAY and WAYLAND_DISPLAY are unset): start it from a desktop session, or for a look without one: xvfb-run -a inkstone-app"
        );
        std::process::exit(1);
    }
    inkstone_app::run();
}
