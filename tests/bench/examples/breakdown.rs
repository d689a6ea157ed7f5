//! Where a warm render's time goes (a quick look; `make bench` is the measurement).
use std::time::Instant;
fn main() {
    let doc = inkstone_bench::post_20k();
    let o = inkstone_bench::options();
    let full = inkstone_render::render(&doc, &o);
    let n = 200;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(inkstone_render::render(&doc, &o));
    }
    println!(
        "render   {:.3} ms",
        t.elapsed().as_secs_f64() * 1e3 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(inkstone_render::sanitize_html(&full.html));
    }
    println!(
        "sanitize {:.3} ms",
        t.elapsed().as_secs_f64() * 1e3 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(inkstone_render::words::stats(&doc, &o));
    }
    println!(
        "stats    {:.3} ms",
        t.elapsed().as_secs_f64() * 1e3 / n as f64
    );
}
