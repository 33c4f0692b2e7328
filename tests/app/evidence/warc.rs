//! Export for archivists: `factdesk export --format warc` hands over every kept copy as a
//! WARC file that a standard tool, warcio, reads back record by record and verifies.

use super::{Answer, TestSite, local_fetcher, newsroom};
use crate::helpers::{moon_fact_check, run_factdesk, with};
use factdesk::db::snapshots;
use factdesk::domain::Moment;
use factdesk::jobs::capture::capture_queued;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A local news story, with the chrome every news site wraps around one.
const HARBOUR: &str = r#"<!doctype html><html><head><title>Night ferry returns | Bay Herald</title>
<meta property="og:site_name" content="Bay Herald">
</head><body>
<div class="cookie-banner"><p>This site uses cookies. Accept them all?</p></div>
<article>
<h1>Night ferry returns after two winters in dry dock</h1>
<p>The overnight ferry to the outer islands sailed again on Friday evening, its first crossing since the hull was found to be cracked two winters ago, the island council said.</p>
<p>Councillors had argued for months over whether to repair the old vessel or lease a newer one. Repair won by a single vote, at roughly half the cost of a five-year lease.</p>
<p>Islanders who commute to the hospital on the mainland said the return would spare them a night in a hotel after late shifts.</p>
</article>
<aside class="newsletter"><p>Sign up for the Herald's weekly digest.</p></aside>
</body></html>"#;

/// A second story, from another outlet.
const ORCHARD: &str = r#"<!doctype html><html><head><title>Cider apples left to rot | Valley Post</title>
</head><body>
<nav><a href="/">Front page</a> <a href="/farming">Farming</a></nav>
<article>
<h1>Cider apples left to rot as pickers stay away</h1>
<p>Growers in the upper valley say a third of this year's cider apples will stay on the trees because too few seasonal pickers arrived in September.</p>
<p>The growers' association blamed a late change to travel permits, which it said left workers unsure until the harvest had begun.</p>
</article>
<footer><p>Valley Post, all rights reserved.</p></footer>
</body></html>"#;

#[tokio::test]
async fn archivists_get_every_copy_as_a_warc_that_warcio_reads_and_verifies() {
    let python = python_with_warcio();
    let site = TestSite::start().await;
    site.set("/ferry", Answer::redirect("/2025/night-ferry-returns"));
    site.set("/2025/night-ferry-returns", Answer::html(HARBOUR));
    site.set("/cider-apples", Answer::html(ORCHARD));
    let app = newsroom().await;
    let ferry = site.url("/ferry");
    let orchard = site.url("/cider-apples");
    let form = with(&moon_fact_check(), "source.0.url", &ferry);
    app.create_draft(&with(&form, "source.1.url", &orchard))
        .await;
    capture_queued(&app.db, &local_fetcher(), Moment::now)
        .await
        .unwrap();
    let copy = |url: &str| {
        app.db
            .read(|c| snapshots::citation_copy(c, url))
            .unwrap()
            .expect("the page was captured")
    };
    let (ferry_copy, orchard_copy) = (copy(&ferry), copy(&orchard));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evidence.warc.gz");
    let db = app.db_path();
    let (ok, _, err) = run_factdesk(
        &[
            "--db".as_ref(),
            db.as_os_str(),
            "export".as_ref(),
            "--format".as_ref(),
            "warc".as_ref(),
            "--out".as_ref(),
            file.as_os_str(),
        ],
        "",
    );
    assert!(ok, "{err}");
    assert!(err.contains("2 snapshots written to"), "{err}");
    std::fs::copy(&file, "/tmp/warc-look.warc.gz").unwrap();

    let (checked, report) = warcio_check(&python, &file);
    assert!(checked, "warcio check finds every digest sound: {report}");
    assert_eq!(
        report.matches("digest pass").count(),
        5,
        "warcinfo, two responses and two texts, each verified: {report}"
    );

    let records = read_back(&python, &file);
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["warcinfo", "response", "resource", "response", "resource"]
    );
    let info = String::from_utf8(body(&records[0])).unwrap();
    assert!(
        info.contains(&format!("software: Factdesk/{}", env!("CARGO_PKG_VERSION"))),
        "{info}"
    );
    assert!(info.contains("format: WARC File Format 1.1"), "{info}");
    assert_eq!(records[0]["version"], "WARC/1.1");

    // The capture job takes its queue in no set order, so each page is found by address.
    let served = [
        (
            &ferry_copy,
            HARBOUR,
            "/2025/night-ferry-returns",
            Some(&ferry),
            "Repair won by a single vote",
            "cookies",
        ),
        (
            &orchard_copy,
            ORCHARD,
            "/cider-apples",
            None,
            "too few seasonal pickers arrived",
            "all rights reserved",
        ),
    ];
    for (copy, page, path, cited, article, chrome) in served {
        let at = records
            .iter()
            .position(|r| r["fields"]["WARC-Target-URI"] == site.url(path))
            .unwrap_or_else(|| panic!("a response at what served {path}"));
        let (response, text) = (&records[at], &records[at + 1]);
        let fields = &response["fields"];
        assert_eq!(response["type"], "response");
        assert_eq!(fields["WARC-Date"], copy.captured_at.rfc3339());
        assert_eq!(
            fields.get("Factdesk-Cited-URI"),
            cited.map(|url| Value::from(url.as_str())).as_ref(),
            "a redirected citation keeps the address the fact-check cites"
        );
        assert_eq!(response["status"], "200");
        assert_eq!(response["http_content_type"], "text/html");
        assert_eq!(
            body(response),
            page.as_bytes(),
            "the body as the site served it"
        );
        for digest in ["WARC-Payload-Digest", "WARC-Block-Digest"] {
            assert!(
                fields[digest].as_str().unwrap().starts_with("sha256:"),
                "{fields}"
            );
        }

        let text_fields = &text["fields"];
        assert_eq!(
            text_fields["WARC-Concurrent-To"], fields["WARC-Record-ID"],
            "the text belongs to its capture"
        );
        assert_eq!(text_fields["Content-Type"], "text/plain; charset=utf-8");
        assert_eq!(
            text_fields["WARC-Target-URI"],
            format!("urn:text:{}", site.url(path))
        );
        let words = String::from_utf8(body(text)).unwrap();
        assert!(words.contains(article), "{words}");
        assert!(!words.contains(chrome), "site chrome stays out: {words}");
    }

    // The check is real: one letter changed in a kept page, and warcio says so.
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(std::fs::File::open(&file).unwrap()),
        &mut plain,
    )
    .unwrap();
    let at = plain
        .windows(6)
        .position(|w| w == b"single")
        .expect("the story is in the file");
    plain[at] = b'S';
    let tampered = dir.path().join("tampered.warc");
    std::fs::write(&tampered, plain).unwrap();
    let (checked, report) = warcio_check(&python, &tampered);
    assert!(!checked, "a changed body fails the check: {report}");
    assert!(report.contains("payload digest failed"), "{report}");
}

/// The Python that has warcio: `FACTDESK_PYTHON`, else the virtualenv `.ci/run` makes.
fn python_with_warcio() -> PathBuf {
    let python = std::env::var_os("FACTDESK_PYTHON").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/python/bin/python"),
        PathBuf::from,
    );
    let found = Command::new(&python)
        .args(["-c", "import warcio"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "the WARC read-back needs warcio, and {} has none: run \
         `python3 -m venv target/python && target/python/bin/pip install warcio` \
         (as .ci/run does), or set FACTDESK_PYTHON to a Python that has it",
        python.display()
    );
    python
}

/// `warcio check -v`: (every digest verified, what it printed).
fn warcio_check(python: &Path, file: &Path) -> (bool, String) {
    let out = Command::new(python)
        .args(["-m", "warcio.cli", "check", "-v"])
        .arg(file)
        .output()
        .unwrap();
    let printed =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), printed)
}

/// Every record as warcio parses it, with its digests checked as it is read.
const READ_BACK: &str = r#"
import base64, json, sys
from warcio.archiveiterator import ArchiveIterator
records = []
with open(sys.argv[1], "rb") as stream:
    for record in ArchiveIterator(stream, check_digests="raise"):
        http = record.http_headers
        records.append({
            "type": record.rec_type,
            "version": record.rec_headers.protocol,
            "fields": dict(record.rec_headers.headers),
            "status": http.get_statuscode() if http else None,
            "http_content_type": http.get_header("Content-Type") if http else None,
            "body": base64.b64encode(record.content_stream().read()).decode(),
        })
print(json.dumps(records))
"#;

fn read_back(python: &Path, file: &Path) -> Vec<Value> {
    let out = Command::new(python)
        .args(["-c", READ_BACK])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "warcio reads every record: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn body(record: &Value) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(record["body"].as_str().unwrap())
        .unwrap()
}
