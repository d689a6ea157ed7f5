//! Renders one post and exits: what a fresh process pays before the first preview (syntax
//! definitions loaded, highlighting uncached).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: first-render FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let out = inkstone_render::render(&text, &inkstone_bench::options());
    println!("{} bytes, {} words", out.html.len(), out.words);
}
