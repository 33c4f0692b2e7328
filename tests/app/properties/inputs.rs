//! What arrives in a field, a segment or a parameter: the random inputs and the requests
//! made of them.

use proptest::prelude::*;
use proptest::sample::select;

/// What a person typed or a crafted request carried, as bytes: usually UTF-8, not always.
#[derive(Clone)]
pub(super) struct Typed(pub(super) Vec<u8>);

impl Typed {
    pub(super) fn of(text: &str) -> Typed {
        Typed(text.as_bytes().to_vec())
    }

    pub(super) fn as_number(&self) -> Option<i64> {
        std::str::from_utf8(&self.0).ok()?.parse().ok()
    }
}

/// Failures show the text, cut short, not a wall of byte values.
impl std::fmt::Debug for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = String::from_utf8_lossy(&self.0);
        let shown: String = text.chars().take(100).collect();
        write!(f, "{shown:?}")?;
        if shown.len() < text.len() {
            write!(f, "… ({} bytes)", self.0.len())?;
        }
        Ok(())
    }
}

fn blank() -> impl Strategy<Value = String> {
    select(
        &[
            "", " ", "\t", "\r\n", "\u{a0}", "\u{3000}", "\u{200b}", "   \n  ",
        ][..],
    )
    .prop_map(str::to_owned)
}

/// Any characters: proptest leans towards the awkward ones (NUL, BOM, surrogate
/// neighbours, the last code points of each plane…).
fn unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 1..60).prop_map(String::from_iter)
}

/// C0 and C1 controls, direction overrides, line separators, noncharacters, mixed into
/// ordinary text.
fn controls() -> impl Strategy<Value = String> {
    let control = prop_oneof![
        prop::char::range('\0', '\u{1f}'),
        prop::char::range('\u{7f}', '\u{9f}'),
        select(
            &[
                '\u{200e}',
                '\u{202e}',
                '\u{2066}',
                '\u{2028}',
                '\u{2029}',
                '\u{feff}',
                '\u{fffd}',
                '\u{fffe}',
                '\u{ffff}',
                '\u{10ffff}',
            ][..]
        ),
        prop::char::range('a', 'z'),
    ];
    prop::collection::vec(control, 1..40).prop_map(String::from_iter)
}

/// Text that means something to HTML, SQL, FTS5, URLs, templates or the form encoding.
fn markup() -> impl Strategy<Value = String> {
    select(
        &[
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "' OR '1'='1",
            "'; DROP TABLE fact_checks; --",
            "\" NEAR(",
            "AND OR NOT",
            "*",
            "\"",
            "{{ 7*7 }}",
            "{% raw %}",
            "%s%n%x",
            "%00",
            "%",
            "&amp;",
            "a=b&c=d",
            "+",
            "../../etc/passwd",
            "/editor/../",
            "#Iran",
            "\\",
            "NULL",
            "[]",
            "source.0.title",
        ][..],
    )
    .prop_map(str::to_owned)
}

/// Dates and times that are nearly right, plainly wrong, or out of any calendar's range.
fn dates() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "2025-02-30",
                "2025-13-01",
                "2025-00-10",
                "0000-01-01",
                "2025-1-1",
                "2025/06/17",
                "17-06-2025",
                "2025-06-17T25:00",
                "2025-06-24T09:30:60",
                "2025-06-24 09:30",
                "2025-06-24T09:30:00Z",
                "2025-06-24T09:30:00+25:00",
                "+10000-01-01",
                "+262143-12-31",
                "-0001-01-01",
                "99999-01-01",
                "2025-06-17T",
                "T09:30",
                "June 17",
                "tomorrow",
                "\u{ff12}\u{ff10}\u{ff12}\u{ff15}-06-17",
            ][..]
        )
        .prop_map(str::to_owned),
        (-2000i32..12000, 0u32..15, 0u32..35).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (-10i32..10010, 0u32..14, 0u32..33, 0u32..26, 0u32..62)
            .prop_map(|(y, mo, d, h, mi)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}")),
    ]
}

/// Links a form should refuse, and some it may accept.
fn urls() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "data:text/html,<b>x</b>",
                "http://",
                "https://",
                "https:///path",
                "http://[::1",
                "https://exa mple.com",
                "ftp://example.com/file",
                "//example.com",
                "example.com",
                "http://localhost:99999/",
                "https://user:pass@example.com/",
                "https://xn--/",
                "https://\u{0}.example/",
                "mailto:someone@example.com",
                "https://example.com/\u{202e}gpj.exe",
            ][..]
        )
        .prop_map(str::to_owned),
        unicode().prop_map(|t| format!("https://{t}")),
        unicode().prop_map(|t| format!("https://example.com/{t}")),
    ]
}

/// Numbers out of range, in other scripts, in other notations.
fn numbers() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "-1",
                "0",
                "01",
                "1e3",
                "1.5",
                " 7 ",
                "+3",
                "0x10",
                "NaN",
                "inf",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "18446744073709551616",
                "\u{663}",
                "\u{ff11}",
                "1_000",
                "1,000",
            ][..]
        )
        .prop_map(str::to_owned),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
    ]
}

/// Far more than any field allows: sometimes still under the body limit (so validation
/// must refuse it), sometimes over it once encoded (so the limit must). Some of it nests
/// Markdown or HTML thousands deep, or is a wall of distinct words, which once cost
/// seconds of server time to refuse.
fn huge(max_repeats: usize) -> impl Strategy<Value = String> {
    let unit = select(
        &[
            "a", "é", "字", "😀", "\0", "<&>", " ", "\u{202e}", "a b ", "1. ", "> ", "<div>",
        ][..],
    );
    prop_oneof![
        4 => (unit, 1000..max_repeats).prop_map(|(unit, n)| unit.repeat(n)),
        1 => (1000..(max_repeats / 4).max(1001)).prop_map(|n| {
            (0..n).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")
        }),
    ]
}

/// One value of any of the kinds above, with repeats up to `max_repeats` for huge ones.
pub(super) fn typed_up_to(max_repeats: usize) -> BoxedStrategy<Typed> {
    prop_oneof![
        2 => blank().prop_map(|t| Typed::of(&t)),
        4 => unicode().prop_map(|t| Typed::of(&t)),
        2 => controls().prop_map(|t| Typed::of(&t)),
        2 => markup().prop_map(|t| Typed::of(&t)),
        2 => dates().prop_map(|t| Typed::of(&t)),
        2 => urls().prop_map(|t| Typed::of(&t)),
        2 => numbers().prop_map(|t| Typed::of(&t)),
        1 => huge(max_repeats).prop_map(|t| Typed::of(&t)),
        1 => prop::collection::vec(any::<u8>(), 1..60).prop_map(Typed),
    ]
    .boxed()
}

pub(super) fn typed() -> BoxedStrategy<Typed> {
    typed_up_to(100_000)
}

/// A field name: one the form has, or now and then anything at all.
pub(super) fn field_name(names: &'static [&'static str]) -> BoxedStrategy<Typed> {
    prop_oneof![
        9 => select(names).prop_map(Typed::of),
        1 => typed_up_to(1001),
    ]
    .boxed()
}

/// One to three fields of a form changed to hostile values.
pub(super) fn changes(names: &'static [&'static str]) -> BoxedStrategy<Vec<(Typed, Typed)>> {
    prop::collection::vec((field_name(names), typed()), 1..4).boxed()
}

/// A urlencoded body: `base` with `changes` applied (replacing a field or adding one).
pub(super) fn form_body(base: &[(String, String)], changes: &[(Typed, Typed)]) -> Vec<u8> {
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = base
        .iter()
        .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect();
    for (name, value) in changes {
        match pairs.iter_mut().find(|(k, _)| *k == name.0) {
            Some(pair) => pair.1 = value.0.clone(),
            None => pairs.push((name.0.clone(), value.0.clone())),
        }
    }
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                form_urlencoded::byte_serialize(k).collect::<String>(),
                form_urlencoded::byte_serialize(v).collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// Percent-encodes every byte but the unreserved ones, so a value stays one path segment
/// or one query value whatever it holds.
pub(super) fn escaped(value: &Typed) -> String {
    value
        .0
        .iter()
        .map(|&b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
