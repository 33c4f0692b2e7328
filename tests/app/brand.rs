//! A newsroom running Factdesk under its own name: readers see that name, not the software's.

use crate::helpers::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn every_page_a_reader_opens_carries_the_newsroom_name_from_site_name() {
    let app = TestApp::spawn_configured(
        true,
        |settings, bound| {
            settings
                .set_site("Harbour Truth Desk", None, &[], bound)
                .unwrap();
        },
        Default::default(),
    )
    .await;

    for path in [
        "/",
        "/fact-checks/russia-remains-aligned-with-iran",
        "/ratings",
        "/tags",
        "/search?q=iran",
        "/no-such-page",
    ] {
        let page = app.get(path).await;
        assert!(
            page.status == StatusCode::OK || page.status == StatusCode::NOT_FOUND,
            "{path}: {}",
            page.status
        );
        let title = &page.body[page.position_of("<title>")..page.position_of("</title>")];
        assert!(
            title.ends_with(" · Harbour Truth Desk"),
            "{path}: the title {title:?} ends with the site name"
        );
        let brand = &page.body[page.position_of("class=\"brand\"")..];
        assert!(
            brand[..brand.find("</a>").unwrap()].contains("Harbour Truth Desk"),
            "{path}: the header's brand names the site"
        );
        let footer = &page.body[page.position_of("class=\"site-footer\"")..];
        assert!(
            footer.contains("Harbour Truth Desk checks claims"),
            "{path}: the footer names the site"
        );
        assert!(
            !page.body.contains("Factdesk"),
            "{path}: the software's name is shown to readers"
        );
    }
}
