//! The main text of fetched pages: the article in, the site chrome out, against text written
//! out by hand for each fixture page.

use factdesk::fetch::extract::main_text;
use url::Url;

fn page(name: &str) -> String {
    let path = format!("{}/tests/fixtures/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn url() -> Url {
    Url::parse("https://news.example/story").unwrap()
}

#[test]
fn a_commentary_page_loses_its_banners_boxes_and_links() {
    let got = main_text(&page("commentary_in_chrome.html"), &url());
    assert_eq!(got.text, page("commentary_in_chrome.txt").trim_end());
    assert_eq!(
        got.title.as_deref(),
        Some("Harbour town counts the cost of the long dry summer")
    );
    assert_eq!(got.byline.as_deref(), Some("Mira Halloran"));
}

#[test]
fn a_page_with_no_article_keeps_its_visible_text_without_scripts() {
    let got = main_text(&page("notice_without_article.html"), &url());
    assert_eq!(
        got.text,
        "Ferry timetable\n\nMonday: 07:10, 12:40\n\nTuesday: no sailings\n\nSailings resume on Wednesday."
    );
}
