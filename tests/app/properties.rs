//! Property tests: whatever arrives in a form field, a path segment or a query parameter —
//! random Unicode, control characters, nothing, far too much, broken dates, links and
//! numbers — the answer is never a 5xx, and a refused request leaves the data as it was.
//!
//! Each property drives one real server through many random cases, signed in with a live
//! CSRF token so the input gets past the door and reaches validation. The number of cases
//! is `PROPTEST_CASES` when set, otherwise the one beside each property; a failure prints
//! the smallest input found. `PROPTEST_RNG_SEED=N` fixes the inputs.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, Page, TestApp, moon_fact_check, with};
use factdesk::config::BODY_LIMIT;
use factdesk::db::Db;
use factdesk::domain::Role;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::StatusCode;
use rusqlite::types::ValueRef;
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Tables a refused request may still write to, and why each is not the newsroom's data:
/// - `sessions`: a signed-in request refreshes its session's last use (at most once a
///   minute), whatever then becomes of the request: that records the visit, not the input.
/// - `login_attempts`: a refused sign-in is recorded on purpose, so the throttle can count
///   failures per account and address.
///
/// Everything else — fact-checks and all their rows, revisions, corrections, the search
/// index, accounts, settings, the audit log — must come out of a refusal untouched.
const MAY_CHANGE: &[&str] = &["sessions", "login_attempts"];

/// A hash per table of all its rows (sorted, so the order SQLite returns them in does not
/// matter): two equal fingerprints, the same data. The search index is covered by its
/// shadow tables, which hold everything it has.
fn fingerprint(db: &Db) -> BTreeMap<String, u64> {
    db.read(|conn| {
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema
                 WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
                 ORDER BY name",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let mut prints = BTreeMap::new();
        for table in tables {
            if MAY_CHANGE.contains(&table.as_str()) {
                continue;
            }
            let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let columns = statement.column_count();
            let mut rows: Vec<u64> = statement
                .query_map([], |row| {
                    let mut hasher = DefaultHasher::new();
                    for i in 0..columns {
                        match row.get_ref(i)? {
                            ValueRef::Null => 0.hash(&mut hasher),
                            ValueRef::Integer(n) => (1, n).hash(&mut hasher),
                            ValueRef::Real(x) => (2, x.to_bits()).hash(&mut hasher),
                            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                                (3, bytes).hash(&mut hasher)
                            }
                        }
                    }
                    Ok(hasher.finish())
                })?
                .collect::<Result<_, _>>()?;
            rows.sort_unstable();
            let mut hasher = DefaultHasher::new();
            rows.hash(&mut hasher);
            prints.insert(table, hasher.finish());
        }
        Ok(prints)
    })
    .unwrap()
}

fn changed_tables(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> Vec<String> {
    after
        .iter()
        .filter(|(table, print)| before.get(*table) != Some(print))
        .map(|(table, _)| table.clone())
        .collect()
}

/// What a person typed or a crafted request carried, as bytes: usually UTF-8, not always.
#[derive(Clone)]
struct Typed(Vec<u8>);

impl Typed {
    fn of(text: &str) -> Typed {
        Typed(text.as_bytes().to_vec())
    }

    fn as_number(&self) -> Option<i64> {
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
fn typed_up_to(max_repeats: usize) -> BoxedStrategy<Typed> {
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

fn typed() -> BoxedStrategy<Typed> {
    typed_up_to(100_000)
}

/// A field name: one the form has, or now and then anything at all.
fn field_name(names: &'static [&'static str]) -> BoxedStrategy<Typed> {
    prop_oneof![
        9 => select(names).prop_map(Typed::of),
        1 => typed_up_to(1001),
    ]
    .boxed()
}

/// One to three fields of a form changed to hostile values.
fn changes(names: &'static [&'static str]) -> BoxedStrategy<Vec<(Typed, Typed)>> {
    prop::collection::vec((field_name(names), typed()), 1..4).boxed()
}

/// Every field of the fact-check form, with rows past the last one shown and at the
/// index limit, and names a crafted request might use for rows.
const FACT_CHECK_FIELDS: &[&str] = &[
    "headline",
    "slug",
    "rating",
    "summary",
    "body",
    "tags",
    "claim_text",
    "claimant",
    "claimant_url",
    "claimant_kind",
    "claim_date",
    "appearance.0.url",
    "appearance.0.platform",
    "appearance.0.date",
    "appearance.0.reach",
    "appearance.0.archived_url",
    "appearance.1.url",
    "appearance.1.platform",
    "source.0.outlet",
    "source.0.title",
    "source.0.authors",
    "source.0.date",
    "source.0.url",
    "source.0.archived_url",
    "source.0.note",
    "source.0.position",
    "source.0.remove",
    "source.1.title",
    "source.1.position",
    "source.1.remove",
    "source.2.outlet",
    "source.2.title",
    "source.200.title",
    "source.201.title",
    "appearance.99999999999999999999.url",
    "source.-1.title",
    "source..title",
    "source.0",
];

/// The edit form also carries the version it was opened at and how a save is marked.
const EDIT_FIELDS: &[&str] = &[
    "headline",
    "rating",
    "summary",
    "body",
    "tags",
    "claim_text",
    "claimant",
    "claimant_url",
    "claim_date",
    "appearance.0.url",
    "appearance.0.date",
    "source.0.title",
    "source.0.date",
    "source.0.url",
    "source.0.position",
    "source.1.remove",
    "version",
    "version",
    "change_kind",
    "change_note",
];

const WORKFLOW_FIELDS: &[&str] = &[
    "review_comment",
    "publish_at",
    "publish_at",
    "version",
    "retraction_note",
    "claimant_proposal",
];

/// A urlencoded body: `base` with `changes` applied (replacing a field or adding one).
fn form_body(base: &[(String, String)], changes: &[(Typed, Typed)]) -> Vec<u8> {
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
fn escaped(value: &Typed) -> String {
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

/// An address with a segment that is not UTF-8 once decoded names nothing we serve.
fn names_nothing(path: &str) -> bool {
    let raw = path.split('?').next().unwrap_or_default().as_bytes();
    let mut decoded = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (raw[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_err()
}

/// One newsroom under test: the demo fact-checks, an admin signed in with their CSRF token,
/// a reader, and a draft and a published fact-check of our own to aim at.
struct Newsroom {
    runtime: tokio::runtime::Runtime,
    editor: TestApp,
    reader: TestApp,
    csrf: String,
    admin_id: i64,
    writer_id: i64,
    draft_id: i64,
    published_id: i64,
}

impl Newsroom {
    fn open() -> Newsroom {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let newsroom = runtime.block_on(async {
            let mut editor = TestApp::spawn_with_demo().await;
            editor.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
            editor.add_account(
                "wes@newsroom.example",
                "Wes Writer",
                "writer passphrase long enough 7",
                Role::Writer,
            );
            editor.sign_in_as_editor().await;
            let csrf = editor.csrf().await;
            let draft = editor.create_draft(&moon_fact_check()).await;
            let published = editor
                .create_draft(&with(&moon_fact_check(), "slug", "published-moon"))
                .await;
            assert_eq!(
                editor.publish(&published).await.status,
                StatusCode::SEE_OTHER
            );
            let id = |path: &str| path.rsplit('/').next().unwrap().parse().unwrap();
            let account = |email: &str| -> i64 {
                editor
                    .db
                    .read(|c| {
                        Ok(
                            c.query_row("SELECT id FROM users WHERE email = ?1", [email], |r| {
                                r.get(0)
                            })?,
                        )
                    })
                    .unwrap()
            };
            let (admin_id, writer_id) = (account(EDITOR_EMAIL), account("wes@newsroom.example"));
            let reader = editor.another_browser();
            (
                editor,
                reader,
                csrf,
                admin_id,
                writer_id,
                id(&draft),
                id(&published),
            )
        });
        let (editor, reader, csrf, admin_id, writer_id, draft_id, published_id) = newsroom;
        Newsroom {
            runtime,
            editor,
            reader,
            csrf,
            admin_id,
            writer_id,
            draft_id,
            published_id,
        }
    }

    fn version_of(&self, id: i64) -> i64 {
        self.editor
            .db
            .read(|c| {
                Ok(
                    c.query_row("SELECT version FROM fact_checks WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap()
    }

    /// A GET must never fail with a 5xx and never change anything.
    fn get(&self, who: &TestApp, path: &str) -> Result<Page, TestCaseError> {
        let before = fingerprint(&self.editor.db);
        let page = self.runtime.block_on(who.get(path));
        prop_assert!(
            !page.status.is_server_error(),
            "GET {} answered {}:\n{}",
            path,
            page.status,
            page.body
        );
        let after = fingerprint(&self.editor.db);
        prop_assert!(
            before == after,
            "GET {} ({}) changed {:?}",
            path,
            page.status,
            changed_tables(&before, &after)
        );
        Ok(page)
    }

    /// A POST must never fail with a 5xx, must get 413 when its body is over the limit
    /// and otherwise one of `expected`, and must change nothing when refused.
    fn post(
        &self,
        who: &TestApp,
        path: &str,
        body: Vec<u8>,
        expected: &[StatusCode],
    ) -> Result<Page, TestCaseError> {
        let before = fingerprint(&self.editor.db);
        let size = body.len();
        let page = self.runtime.block_on(who.post_raw(path, body, &[]));
        prop_assert!(
            !page.status.is_server_error(),
            "POST {} answered {}:\n{}",
            path,
            page.status,
            page.body
        );
        if size > BODY_LIMIT && names_nothing(path) {
            // Refused for its address before the body is looked at.
            prop_assert!(
                [StatusCode::PAYLOAD_TOO_LARGE, StatusCode::NOT_FOUND].contains(&page.status),
                "{} bytes to {} answered {}",
                size,
                path,
                page.status
            );
        } else if size > BODY_LIMIT {
            prop_assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE, "{} bytes", size);
        } else {
            prop_assert!(
                expected.contains(&page.status),
                "POST {} answered {}, not one of {:?}:\n{}",
                path,
                page.status,
                expected,
                page.body
            );
        }
        if page.status == StatusCode::UNPROCESSABLE_ENTITY {
            prop_assert!(
                page.body.contains("field-error") || page.body.contains("alert-error"),
                "a refused form says why:\n{}",
                page.body
            );
        }
        if page.status.is_client_error() {
            let after = fingerprint(&self.editor.db);
            prop_assert!(
                before == after,
                "POST {} was refused ({}) but changed {:?}",
                path,
                page.status,
                changed_tables(&before, &after)
            );
        }
        Ok(page)
    }

    fn with_csrf(&self, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut form = crate::helpers::fields(pairs);
        form.push(("csrf".to_owned(), self.csrf.clone()));
        form
    }

    /// Runs `property` on random inputs, failing the test with the smallest one that
    /// breaks it.
    fn check<S>(
        &self,
        default_cases: u32,
        strategy: S,
        property: impl Fn(S::Value) -> Result<(), TestCaseError>,
    ) where
        S: Strategy,
        S::Value: std::fmt::Debug,
    {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(default_cases);
        let config = Config {
            cases,
            // Each case is a round trip to the server: keep shrinking to a few seconds.
            max_shrink_iters: 200,
            // Cases depend on the server's state, so a saved seed would not replay one.
            failure_persistence: None,
            ..Config::default()
        };
        if let Err(failure) = TestRunner::new(config).run(&strategy, property) {
            panic!("{failure}");
        }
    }
}

const SAVED: StatusCode = StatusCode::SEE_OTHER;
const REFUSED: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

#[test]
fn any_sign_in_form_is_refused_without_a_crash_or_a_trace_beyond_the_attempt() {
    let newsroom = Newsroom::open();
    let fields = &["email", "password", "next"];
    let form = prop::collection::vec((field_name(fields), typed()), 0..4);
    newsroom.check(128, form, |form| {
        let body = form_body(&[], &form);
        // Nobody's credentials are random: every one of these is refused.
        newsroom.post(
            &newsroom.reader,
            "/editor/login",
            body,
            &[REFUSED, StatusCode::TOO_MANY_REQUESTS],
        )?;
        Ok(())
    });
}

#[test]
fn any_new_fact_check_form_is_saved_or_refused_with_reasons() {
    let newsroom = Newsroom::open();
    newsroom.check(256, changes(FACT_CHECK_FIELDS), |changes| {
        let base = with(&moon_fact_check(), "csrf", &newsroom.csrf);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            "/editor/fact-checks",
            body,
            &[SAVED, REFUSED],
        )?;
        Ok(())
    });
}

#[test]
fn any_edit_of_a_published_fact_check_is_saved_refused_or_a_conflict() {
    let newsroom = Newsroom::open();
    let id = newsroom.published_id;
    newsroom.check(256, changes(EDIT_FIELDS), |changes| {
        let version = newsroom.version_of(id).to_string();
        let base = with(
            &with(&moon_fact_check(), "csrf", &newsroom.csrf),
            "version",
            &version,
        );
        let body = form_body(&base, &changes);
        let sent_version = changes
            .iter()
            .rev()
            .find(|(name, _)| name.0 == b"version")
            .map_or(Some(newsroom.version_of(id)), |(_, v)| {
                std::str::from_utf8(&v.0).ok()?.trim().parse().ok()
            });
        let expected: &[StatusCode] = match sent_version {
            // A form without a readable version was not made by our page.
            None => &[StatusCode::BAD_REQUEST],
            Some(v) if v == newsroom.version_of(id) => &[SAVED, REFUSED],
            // An invalid form is refused for its fields before the version is compared.
            Some(_) => &[StatusCode::CONFLICT, REFUSED],
        };
        newsroom.post(
            &newsroom.editor,
            &format!("/editor/fact-checks/{id}"),
            body,
            expected,
        )?;
        Ok(())
    });
}

#[test]
fn any_workflow_button_press_is_done_or_refused() {
    let newsroom = Newsroom::open();
    let press = (
        select(&["submit", "send-back", "publish", "unpublish"][..]),
        prop_oneof![
            4 => select(vec![newsroom.draft_id, newsroom.published_id])
                .prop_map(|id| Typed::of(&id.to_string())),
            1 => typed_up_to(1001),
        ],
        prop::collection::vec((field_name(WORKFLOW_FIELDS), typed()), 0..4),
    );
    newsroom.check(256, press, |(button, id, changes)| {
        let number = id.as_number();
        let version = number
            .filter(|n| [newsroom.draft_id, newsroom.published_id].contains(n))
            .map_or(1, |n| newsroom.version_of(n));
        let base = newsroom.with_csrf(&[("version", &version.to_string())]);
        let body = form_body(&base, &changes);
        let path = format!("/editor/fact-checks/{}/{button}", escaped(&id));
        newsroom.post(
            &newsroom.editor,
            &path,
            body,
            &[
                SAVED,
                REFUSED,
                StatusCode::NOT_FOUND,
                // Publishing a version other than the one reviewed.
                StatusCode::CONFLICT,
            ],
        )?;
        Ok(())
    });
}

#[test]
fn any_new_account_form_creates_an_account_or_is_refused() {
    let newsroom = Newsroom::open();
    let fields = &["email", "name", "role", "password", "password"];
    newsroom.check(128, changes(fields), |changes| {
        let base = newsroom.with_csrf(&[
            ("email", "new.person@newsroom.example"),
            ("name", "New Person"),
            ("role", "writer"),
            // Empty: the server generates a strong one.
            ("password", ""),
        ]);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            "/editor/users",
            body,
            &[StatusCode::CREATED, REFUSED],
        )?;
        Ok(())
    });
}

#[test]
fn any_account_change_is_done_or_refused() {
    let newsroom = Newsroom::open();
    let admin_id = newsroom.admin_id;
    let change = (
        prop_oneof![
            3 => Just(Typed::of(&newsroom.writer_id.to_string())),
            1 => Just(Typed::of("999999")),
            2 => typed_up_to(1001),
        ]
        // Locking ourselves out would end the test's session, not find a bug.
        .prop_filter("not the signed-in admin", move |id| {
            id.as_number() != Some(admin_id)
        }),
        prop::collection::vec(
            (
                field_name(&["action", "role"]),
                prop_oneof![
                    1 => select(&["role", "disable", "enable", "password", "writer", "editor", "admin"][..])
                        .prop_map(Typed::of),
                    2 => typed(),
                ],
            ),
            1..3,
        ),
    );
    newsroom.check(128, change, |(id, changes)| {
        let base = newsroom.with_csrf(&[("action", "role"), ("role", "editor")]);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            &format!("/editor/users/{}", escaped(&id)),
            body,
            &[
                SAVED,
                // A reset password is shown once, on the page itself.
                StatusCode::OK,
                REFUSED,
                StatusCode::NOT_FOUND,
                // An action the page never offers.
                StatusCode::BAD_REQUEST,
            ],
        )?;
        Ok(())
    });
}

#[test]
fn any_corrections_policy_is_saved_or_refused() {
    let newsroom = Newsroom::open();
    newsroom.check(128, changes(&["corrections_policy"]), |changes| {
        let base = newsroom.with_csrf(&[("corrections_policy", "We correct errors openly.")]);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            "/editor/settings",
            body,
            &[SAVED, REFUSED],
        )?;
        Ok(())
    });
}

/// Every form that changes something, as (path, its fields) with `{draft}`, `{published}`
/// and `{writer}` standing for the ids of the newsroom's own records.
const POST_FORMS: &[(&str, &[(&str, &str)])] = &[
    ("/editor/logout", &[]),
    ("/editor/fact-checks", &[("headline", "A headline")]),
    ("/editor/fact-checks/{draft}", &[("version", "1")]),
    ("/editor/fact-checks/{draft}/submit", &[]),
    (
        "/editor/fact-checks/{published}/send-back",
        &[("review_comment", "Please check the second source.")],
    ),
    ("/editor/fact-checks/{draft}/publish", &[("version", "1")]),
    (
        "/editor/fact-checks/{published}/unpublish",
        &[("retraction_note", "The photos were doctored.")],
    ),
    (
        "/editor/users",
        &[("email", "kim@newsroom.example"), ("name", "Kim Lee")],
    ),
    ("/editor/users/{writer}", &[("action", "disable")]),
    (
        "/editor/settings",
        &[("corrections_policy", "We correct errors.")],
    ),
];

impl Newsroom {
    fn path_of(&self, template: &str) -> String {
        template
            .replace("{draft}", &self.draft_id.to_string())
            .replace("{published}", &self.published_id.to_string())
            .replace("{writer}", &self.writer_id.to_string())
    }
}

#[test]
fn a_form_with_any_token_but_the_sessions_own_is_forbidden_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let forged = (
        select(POST_FORMS),
        prop_oneof![Just(None), typed_up_to(1001).prop_map(Some)],
    );
    newsroom.check(128, forged, |((path, pairs), token)| {
        let mut form = crate::helpers::fields(pairs);
        // No token at all, or anything else in its place.
        if let Some(token) = token {
            prop_assume!(token.0 != newsroom.csrf.as_bytes());
            form.push(("csrf".to_owned(), String::from_utf8_lossy(&token.0).into()));
        }
        let body = form_body(&form, &[]);
        newsroom.post(
            &newsroom.editor,
            &newsroom.path_of(path),
            body,
            &[StatusCode::FORBIDDEN],
        )?;
        Ok(())
    });
}

#[test]
fn a_body_over_the_limit_gets_413_on_every_form_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let oversized = (
        prop_oneof![
            select(POST_FORMS),
            Just(("/editor/login", &[("email", EDITOR_EMAIL)][..])),
        ],
        // Around the limit, a byte either side included.
        prop_oneof![
            Just(BODY_LIMIT),
            Just(BODY_LIMIT + 1),
            (BODY_LIMIT - 4096)..(BODY_LIMIT + 256 * 1024),
        ],
    );
    newsroom.check(64, oversized, |((path, pairs), size)| {
        // A stale token: a body the server reads in full is refused, never acted on.
        let mut body = form_body(
            &[
                crate::helpers::fields(pairs),
                crate::helpers::fields(&[("csrf", "stale")]),
            ]
            .concat(),
            &[],
        );
        body.extend_from_slice(b"&padding=");
        body.resize(size.max(body.len()), b'a');
        let refused_when_read = if path == "/editor/login" {
            REFUSED
        } else {
            StatusCode::FORBIDDEN
        };
        let page = newsroom.post(
            &newsroom.editor,
            &newsroom.path_of(path),
            body,
            &[refused_when_read],
        )?;
        if size > BODY_LIMIT {
            prop_assert!(page.body.contains("too large"), "{}", page.body);
        }
        Ok(())
    });
}

/// Every page that reads a path segment or a query parameter; each `{}` is filled with a
/// random value, `{id}` with one of our fact-checks.
const READER_PATHS: &[&str] = &[
    "/?page={}",
    "/fact-checks/{}",
    "/tags/{}?page={}",
    "/tags/{}/feed.atom",
    "/ratings/{}?page={}",
    "/claimants/{}?page={}",
    "/claimants/{}/feed.atom",
    "/corrections?page={}",
    "/search?q={}&rating={}&tag={}&page={}",
    "/search?{}={}",
    "/sitemaps/{}",
    "/api/v1/fact-checks?tag={}&rating={}&claimant={}&q={}&since={}&page={}",
    "/api/v1/fact-checks?since={}",
    "/api/v1/fact-checks/{}",
    "/api/v1/{}",
    "/{}",
    "/editor/login?next={}",
];

const EDITOR_PATHS: &[&str] = &[
    "/editor?q={}",
    "/editor/login?next={}",
    "/editor/fact-checks/{}",
    "/editor/fact-checks/{id}?restore={}&done={}",
    "/editor/fact-checks/{id}?done={}",
    "/editor/fact-checks/{}/revisions",
    "/editor/fact-checks/{id}/revisions?from={}&to={}",
    "/editor/audit?page={}",
    "/editor/settings?{}",
    "/editor/users/{}",
    "/editor/{}",
];

/// Values that name something real now and then, so pages past the lookup are reached.
fn parameter(known: Vec<String>) -> BoxedStrategy<Typed> {
    prop_oneof![
        // Empty is how a form sends a parameter left alone.
        1 => Just(Typed::of("")),
        1 => select(known).prop_map(|t| Typed::of(&t)),
        2 => typed_up_to(3000),
    ]
    .boxed()
}

fn fill(template: &str, id: i64, values: &[Typed]) -> String {
    let mut path = template.replace("{id}", &id.to_string());
    for value in values {
        match path.find("{}") {
            Some(at) => path.replace_range(at..at + 2, &escaped(value)),
            None => break,
        }
    }
    path
}

impl Newsroom {
    /// Real slugs, tags, ratings and numbers from the demo data.
    fn known_values(&self) -> Vec<String> {
        let mut known: Vec<String> = self
            .editor
            .db
            .read(|c| {
                let mut statement = c.prepare(
                    "SELECT slug FROM fact_checks WHERE status = 'published'
                     UNION ALL SELECT name FROM tags
                     UNION ALL SELECT slug FROM claimants
                     UNION ALL SELECT slug FROM ratings",
                )?;
                Ok(statement
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?)
            })
            .unwrap();
        known.extend(
            [
                "1",
                "2",
                "3",
                "pages.xml",
                "fact-checks-1.xml",
                "fact-checks-0.xml",
                "saved",
                "2025-06-17",
                "2025-06-17T08:00:00Z",
                "Iran",
                "ceasefire",
                "/editor/audit",
            ]
            .map(str::to_owned),
        );
        known
    }
}

#[test]
fn any_reader_address_answers_without_a_crash_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let request = (
        select(READER_PATHS),
        prop::collection::vec(parameter(newsroom.known_values()), 6),
    );
    newsroom.check(512, request, |(template, values)| {
        let path = fill(template, newsroom.published_id, &values);
        newsroom.get(&newsroom.reader, &path)?;
        Ok(())
    });
}

#[test]
fn any_editor_address_answers_without_a_crash_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let request = (
        select(EDITOR_PATHS),
        prop::collection::vec(parameter(newsroom.known_values()), 3),
        select(vec![newsroom.draft_id, newsroom.published_id]),
    );
    newsroom.check(256, request, |(template, values, id)| {
        let path = fill(template, id, &values);
        newsroom.get(&newsroom.editor, &path)?;
        Ok(())
    });
}
