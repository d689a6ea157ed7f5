//! A post's text as a user (or another tool) might leave it: splitting and parsing never
//! panic, the split is lossless, and a field edit never produces front matter that no longer
//! parses or changes the body.
#![no_main]

use inkstone_content::fmedit::set_field;
use inkstone_content::post::Context;
use inkstone_content::{FieldValue, Generator, Site};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let now = jiff::Timestamp::from_second(1_750_000_000).unwrap();
    for generator in [Generator::Hugo, Generator::Jekyll, Generator::Hexo] {
        let mut site = Site::standalone();
        site.generator = generator;
        let hexo = generator == Generator::Hexo;
        let rel = match generator {
            Generator::Hugo => "content/posts/fuzz.md",
            Generator::Jekyll => "_posts/2024-01-02-fuzz.md",
            Generator::Hexo => "source/_posts/fuzz.md",
        };
        let ctx = Context::new(&site, now);
        let Ok(doc) = ctx.read(rel, text, None) else {
            continue;
        };
        assert_eq!(format!("{}{}", doc.head, doc.body), text, "split lost text");
        let tags = FieldValue::List(vec!["fuzz".into(), "模糊 测试".into()]);
        let Ok(head) = set_field(&doc.head, hexo, "tags", &tags) else {
            continue;
        };
        let edited = format!("{head}{}", doc.body);
        let again = ctx
            .read(rel, &edited, None)
            .unwrap_or_else(|e| panic!("an edit broke the front matter: {e}\n{edited}"));
        assert_eq!(again.body, doc.body, "an edit changed the body");
        assert_eq!(again.post.tags, ["fuzz", "模糊 测试"], "{edited}");
    }
});
