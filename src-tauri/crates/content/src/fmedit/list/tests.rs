use proptest::prelude::*;

use super::{ItemEdit, edit_list};
use crate::frontmatter::{Format, parse, split};

fn tags(head: &str) -> Vec<String> {
    let s = split(head, false).unwrap();
    let fm = parse(s.format.unwrap(), s.inner, 1).unwrap();
    fm["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The input from the wild: a renamed item keeps its comment, a commented-out item and the
/// other keys stay.
#[test]
fn a_rename_changes_the_value_and_nothing_else() {
    let head = "---\ntitle: \"eBPF 入门\"   # 标题可以再改\ndate: 2024-03-05T10:00:00+08:00\n# 分类信息\ncategories:\n  - 内核 # 主分类\ntags:\n  - k8s     # 旧写法，待统一\n  - eBPF\n  # - 草稿标签\nkeywords: [k8s, ebpf]\n---\n";
    let edits = [ItemEdit::Replace("Kubernetes".into()), ItemEdit::Keep];
    let after = edit_list(head, false, "tags", &edits).unwrap().unwrap();
    assert_eq!(after, head.replace("  - k8s     #", "  - Kubernetes     #"));
    let flow = "---\ntags: [k8s, cilium]  # 网络相关\n---\n";
    let after = edit_list(flow, false, "tags", &edits).unwrap().unwrap();
    assert_eq!(after, "---\ntags: [Kubernetes, cilium]  # 网络相关\n---\n");
}

#[test]
fn removed_items_take_their_line_or_their_comma() {
    let head = "---\ntags:\n  - a # one\n\n  # - kept\n  - 'b'\n  - \"c\"\n---\n";
    let after = edit_list(
        head,
        false,
        "tags",
        &[ItemEdit::Keep, ItemEdit::Delete, ItemEdit::Keep],
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        after,
        "---\ntags:\n  - a # one\n\n  # - kept\n  - \"c\"\n---\n"
    );
    let head = "+++\ntags = [\n  \"a\", # one\n  'b', # two\n  \"c\" # three\n]\n+++\n";
    let after = edit_list(
        head,
        false,
        "tags",
        &[ItemEdit::Keep, ItemEdit::Keep, ItemEdit::Delete],
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        after,
        "+++\ntags = [\n  \"a\", # one\n  'b' # two\n]\n+++\n"
    );
    let json = "{\n  \"tags\": [\"a\", \"b\", \"c\"],\n  \"title\": \"x\"\n}\n";
    let after = edit_list(
        json,
        false,
        "tags",
        &[
            ItemEdit::Delete,
            ItemEdit::Replace("B".into()),
            ItemEdit::Delete,
        ],
    )
    .unwrap()
    .unwrap();
    assert_eq!(after, "{\n  \"tags\": [\"B\"],\n  \"title\": \"x\"\n}\n");
}

#[test]
fn lists_it_cannot_edit_item_by_item_are_left_to_the_whole_value_edit() {
    for head in [
        "---\ntags:\n  - [a, b]\n---\n",
        "---\ntags:\n  - key: v\n---\n",
        "---\ntags: &t [a, b]\n---\n",
        "+++\ntags = [\"\"\"a\"\"\", \"b\"]\n+++\n",
        "---\ntags: a\n---\n",
    ] {
        assert_eq!(
            edit_list(
                head,
                false,
                "tags",
                &[ItemEdit::Replace("x".into()), ItemEdit::Keep]
            )
            .unwrap(),
            None,
            "{head}"
        );
    }
}

/// One list item as generated: its term, quotes and the comment after it.
#[derive(Debug, Clone)]
struct Gen {
    term: String,
    quote: u8,
    comment: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    YamlBlock {
        indent: usize,
    },
    YamlFlow {
        multiline: bool,
        trailing_comma: bool,
    },
    Toml {
        multiline: bool,
        trailing_comma: bool,
    },
    Json {
        multiline: bool,
    },
}

fn quote(term: &str, q: u8, shape: Shape) -> String {
    let json = serde_json::to_string(term).unwrap();
    match (shape, q) {
        (Shape::Json { .. }, _) => json,
        (_, 1) => json,
        (Shape::Toml { .. }, _) => format!("'{term}'"),
        (_, 2) => format!("'{}'", term.replace('\'', "''")),
        _ => term.to_string(),
    }
}

/// The front matter of a generated list, with keys and comments around it.
fn render(items: &[Gen], shape: Shape) -> String {
    let comment = |g: &Gen| {
        g.comment
            .as_ref()
            .map(|c| format!(" # {c}"))
            .unwrap_or_default()
    };
    match shape {
        Shape::YamlBlock { indent } => {
            let pad = " ".repeat(indent);
            let mut s = String::from("---\ntitle: \"T\"   # 标题\n# 分类信息\ntags:  # 标签\n");
            for (i, g) in items.iter().enumerate() {
                s.push_str(&format!(
                    "{pad}- {}{}\n",
                    quote(&g.term, g.quote, shape),
                    comment(g)
                ));
                if i == 0 {
                    s.push_str(&format!("{pad}# - 草稿标签\n\n"));
                }
            }
            s.push_str("keywords: [k8s, ebpf]\n---\n");
            s
        }
        Shape::YamlFlow {
            multiline,
            trailing_comma,
        }
        | Shape::Toml {
            multiline,
            trailing_comma,
        } => {
            let toml = matches!(shape, Shape::Toml { .. });
            let (fence, key, other) = if toml {
                ("+++", "tags = ", "keywords = ['k8s', \"ebpf\"]  # 关键词\n")
            } else {
                ("---", "tags: ", "keywords: [k8s, ebpf]  # 关键词\n")
            };
            let mut s = format!("{fence}\ntitle = \"T\"\n");
            if !toml {
                s = format!("{fence}\ntitle: \"T\"\n");
            }
            s.push_str(key);
            if multiline {
                s.push_str("[\n");
                for (i, g) in items.iter().enumerate() {
                    let last = i + 1 == items.len();
                    let comma = if !last || trailing_comma { "," } else { "" };
                    s.push_str(&format!(
                        "  {}{comma}{}\n",
                        quote(&g.term, g.quote, shape),
                        comment(g)
                    ));
                }
                s.push_str("]\n");
            } else {
                let list: Vec<String> = items
                    .iter()
                    .map(|g| quote(&g.term, g.quote, shape))
                    .collect();
                s.push_str(&format!("[{}]  # 行尾\n", list.join(", ")));
            }
            s.push_str(other);
            s.push_str(fence);
            s.push('\n');
            s
        }
        Shape::Json { multiline } => {
            let list: Vec<String> = items.iter().map(|g| quote(&g.term, 1, shape)).collect();
            let body = if multiline {
                format!("[\n    {}\n  ]", list.join(",\n    "))
            } else {
                format!("[{}]", list.join(", "))
            };
            format!("{{\n  \"title\": \"T\",\n  \"tags\": {body},\n  \"keywords\": [\"k8s\"]\n}}\n")
        }
    }
}

fn shapes() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (0usize..5).prop_map(|indent| Shape::YamlBlock { indent }),
        (any::<bool>(), any::<bool>()).prop_map(|(multiline, trailing_comma)| Shape::YamlFlow {
            multiline,
            trailing_comma
        }),
        (any::<bool>(), any::<bool>()).prop_map(|(multiline, trailing_comma)| Shape::Toml {
            multiline,
            trailing_comma
        }),
        any::<bool>().prop_map(|multiline| Shape::Json { multiline }),
    ]
}

const TERMS: &[&str] = &[
    "k8s",
    "eBPF",
    "cilium",
    "内核",
    "Go 1.21",
    "c++",
    "TCP/IP",
    "tag #1",
    "a, b",
    "x: y",
    "true",
    "2024",
    "rock'n'roll",
    "🚀 launch",
    "",
];

fn items() -> impl Strategy<Value = Vec<Gen>> {
    proptest::sample::subsequence((0..TERMS.len() - 1).collect::<Vec<_>>(), 1..6)
        .prop_flat_map(|picked| {
            let n = picked.len();
            (
                Just(picked),
                proptest::collection::vec(0u8..3, n),
                proptest::collection::vec(proptest::option::of("[a-z旧写法]{1,6}"), n),
            )
        })
        .prop_map(|(picked, quotes, comments)| {
            picked
                .into_iter()
                .zip(quotes)
                .zip(comments)
                .map(|((t, quote), comment)| {
                    let term = TERMS[t].to_string();
                    // A plain scalar that YAML would read as something else is quoted.
                    let plain_ok = !super::super::needs_quotes(&term)
                        && !term.contains([',', '[', ']', '{', '}', '#', '\'']);
                    let quote = if quote == 0 && !plain_ok { 1 } else { quote };
                    let quote = if quote == 2 && term.contains('\'') {
                        1
                    } else {
                        quote
                    };
                    Gen {
                        term,
                        quote,
                        comment,
                    }
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Renaming one item, or removing some, gives exactly the text the same list would have
    /// been written as with the change: every byte outside the changed item stays.
    #[test]
    fn list_edits_touch_only_the_changed_items(
        items in items(),
        shape in shapes(),
        pick in any::<prop::sample::Index>(),
        rename in any::<bool>(),
        drop_mask in any::<u8>(),
    ) {
        // JSON has no comments, YAML and TOML keep theirs.
        let items: Vec<Gen> = match shape {
            Shape::Json { .. } => items.into_iter().map(|g| Gen { comment: None, ..g }).collect(),
            Shape::YamlFlow { multiline: false, .. } | Shape::Toml { multiline: false, .. } => {
                items.into_iter().map(|g| Gen { comment: None, ..g }).collect()
            }
            _ => items,
        };
        let before = render(&items, shape);
        prop_assume!(split(&before, false).is_ok());
        let names: Vec<String> = items.iter().map(|g| g.term.clone()).collect();
        prop_assert_eq!(tags(&before), names.clone(), "{}", before);
        let (edits, expected): (Vec<ItemEdit>, Vec<Gen>) = if rename {
            let i = pick.index(items.len());
            let new = "Kubernetes 集群".to_string();
            let edits = (0..items.len())
                .map(|j| if j == i { ItemEdit::Replace(new.clone()) } else { ItemEdit::Keep })
                .collect();
            let mut expected = items.clone();
            expected[i].term = new;
            // A renamed plain value stays plain when it can; double quotes otherwise.
            (edits, expected)
        } else {
            let edits: Vec<ItemEdit> = (0..items.len())
                .map(|j| if drop_mask >> (j % 8) & 1 == 1 { ItemEdit::Delete } else { ItemEdit::Keep })
                .collect();
            prop_assume!(edits.contains(&ItemEdit::Keep));
            let expected = items
                .iter()
                .zip(&edits)
                .filter(|(_, e)| **e == ItemEdit::Keep)
                .map(|(g, _)| g.clone())
                .collect();
            (edits, expected)
        };
        let after = edit_list(&before, false, "tags", &edits).unwrap();
        let after = after.expect("an editable list");
        let want: Vec<String> = expected.iter().map(|g| g.term.clone()).collect();
        prop_assert_eq!(tags(&after), want, "{}\n=>\n{}", before, after);
        // Removing the first item of a block list takes the commented-out line's neighbour
        // only: the comment line written after it stays.
        if !matches!(shape, Shape::YamlBlock { .. }) || rename || edits[0] == ItemEdit::Keep {
            prop_assert_eq!(&after, &render(&expected, shape), "{}\n=>\n{}", before, after);
        } else {
            prop_assert!(after.contains("# - 草稿标签"), "{}", after);
        }
        let _ = Format::Yaml;
    }
}

/// Shapes found by review: each is left to the whole-value edit or edited without harm.
#[test]
fn awkward_shapes_never_panic_or_spill() {
    let rename = [ItemEdit::Replace("x".into())];
    // An escaped line break inside a double-quoted item.
    let head = "---\ntags:\n- \"a\\\n  b\"\n---\n";
    assert_eq!(edit_list(head, false, "tags", &rename).unwrap(), None);
    // A plain item folded onto two lines.
    let head = "---\ntags:\n  - kubernetes\n    networking\n---\n";
    assert_eq!(edit_list(head, false, "tags", &rename).unwrap(), None);
    // A TOML multi-line string with a `tags = [` line inside.
    let head = "+++\nnote = \"\"\"\ntags = [\"fake\"]\n\"\"\"\ntags = [\"a\"]\n+++\n";
    assert_eq!(edit_list(head, false, "tags", &rename).unwrap(), None);
    // The last item on the line of `]`: the comment after the previous comma stays.
    let head = "+++\ntags = [\n  \"a\", # why\n  \"b\"]\n+++\n";
    let after = edit_list(head, false, "tags", &[ItemEdit::Keep, ItemEdit::Delete])
        .unwrap()
        .unwrap();
    assert_eq!(after, "+++\ntags = [\n  \"a\" # why\n  ]\n+++\n");
    assert_eq!(tags(&after), ["a"]);
}

/// Inputs from an attack on the editor: each is edited in place, or refused with a message,
/// and never leaves front matter that reads differently than intended.
#[test]
fn hostile_lists_are_edited_right_or_refused() {
    let rename = [ItemEdit::Replace("0x10".into()), ItemEdit::Keep];
    // A value YAML would read as a number is quoted; the other item stays as written.
    let after = edit_list("---\ntags: [a, b]\n---\n", false, "tags", &rename)
        .unwrap()
        .unwrap();
    assert_eq!(after, "---\ntags: [\"0x10\", b]\n---\n");
    assert_eq!(tags(&after), ["0x10", "b"]);
    for odd in [".nan", ".inf", "0o17", "0b11", "1_000", "\u{1}", "a\u{7f}b"] {
        let edits = [ItemEdit::Replace(odd.into()), ItemEdit::Keep];
        for head in [
            "---\ntags: [a, b]\n---\n",
            "---\ntags:\n  - a\n  - b\n---\n",
            "+++\ntags = ['a', \"b\"]\n+++\n",
        ] {
            let after = edit_list(head, false, "tags", &edits).unwrap().unwrap();
            let s = split(&after, false).unwrap();
            let fm = parse(s.format.unwrap(), s.inner, 1).unwrap();
            assert_eq!(fm["tags"][0], odd, "{head:?} => {after:?}");
        }
    }
    // A quoted key is the key.
    let after = edit_list("---\n\"tags\": [a, b]\n---\n", false, "tags", &rename)
        .unwrap()
        .unwrap();
    assert_eq!(after, "---\n\"tags\": [\"0x10\", b]\n---\n");
    let after = edit_list("+++\n'tags' = ['a', 'b']\n+++\n", false, "tags", &rename)
        .unwrap()
        .unwrap();
    assert_eq!(after, "+++\n'tags' = ['0x10', 'b']\n+++\n");
    // JSON that sets the key twice is refused, whichever copy a reader takes.
    let err = edit_list(
        "{\"tags\": [\"a\", \"b\"], \"tags\": [\"b\", \"c\"]}\n",
        false,
        "tags",
        &rename,
    )
    .unwrap_err();
    assert!(err.message.contains("set twice"), "{}", err.message);
}
