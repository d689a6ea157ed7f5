//! Writes the benchmark documents to `target/bench/` so that the JavaScript peers read the
//! very same text the Rust benchmarks render.

fn main() -> std::io::Result<()> {
    let dir = inkstone_bench::repo().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let docs = [
        ("post-20k.md", inkstone_bench::post_20k()),
        ("post-1m.md", inkstone_bench::post_1m()),
    ];
    for (name, text) in docs {
        std::fs::write(dir.join(name), &text)?;
        std::fs::write(
            dir.join(name.replace(".md", ".prose-edit.md")),
            inkstone_bench::prose_edit(&text, 1),
        )?;
    }
    println!("{}", dir.display());
    Ok(())
}
