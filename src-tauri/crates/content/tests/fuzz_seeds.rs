//! Every input the frontmatter fuzzer once failed on (`tests/fuzz/seeds/frontmatter/`) passes
//! the fuzz target's checks under each generator's rules.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkstone_content::fmedit::set_field;
use inkstone_content::post::Context;
use inkstone_content::terms::field_key;
use inkstone_content::{FieldValue, Generator, Site};

include!("../../../../tests/fuzz/frontmatter_check.rs");

#[test]
fn inputs_the_fuzzer_found_pass_its_checks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fuzz/seeds/frontmatter");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
            continue;
        };
        seen += 1;
        let result = std::panic::catch_unwind(|| check_front_matter(&text));
        assert!(result.is_ok(), "{} fails the fuzz checks", path.display());
    }
    assert!(seen >= 4, "only {seen} seeds in {}", dir.display());
}
