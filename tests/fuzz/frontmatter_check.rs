// What the frontmatter fuzz target checks for one input, shared with the replay of its seeds
// (`src-tauri/crates/content/tests/fuzz_seeds.rs`) through `include!`: under each generator's
// rules the split is lossless, and setting the tags (at the key the generator reads them from)
// gives front matter that parses, the same body, and exactly the new tags.
// Needs `Context`, `field_key`, `set_field`, `FieldValue`, `Generator` and `Site` in scope.

fn check_front_matter(text: &str) {
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
        // The key the generator reads the tags from (Jekyll's `tag:` when it is set).
        let key = field_key(generator, &doc.head, "tags");
        let Ok(head) = set_field(&doc.head, hexo, key, &tags) else {
            continue;
        };
        let edited = format!("{head}{}", doc.body);
        let again = ctx
            .read(rel, &edited, None)
            .unwrap_or_else(|e| panic!("an edit broke the front matter: {e}\n{edited}"));
        assert_eq!(again.body, doc.body, "an edit changed the body");
        assert_eq!(again.post.tags, ["fuzz", "模糊 测试"], "{generator:?}: {edited}");
    }
}
