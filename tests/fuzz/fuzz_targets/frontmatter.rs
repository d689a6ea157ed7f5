//! A post's text as a user (or another tool) might leave it: splitting and parsing never
//! panic, the split is lossless, and a field edit never produces front matter that no longer
//! parses or changes the body.
#![no_main]

use inkstone_content::fmedit::set_field;
use inkstone_content::post::Context;
use inkstone_content::terms::field_key;
use inkstone_content::{FieldValue, Generator, Site};
use libfuzzer_sys::fuzz_target;

include!("../frontmatter_check.rs");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check_front_matter(text);
});
