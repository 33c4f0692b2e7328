//! What a public page tells search engines, feed readers and link previews about itself:
//! canonical address, description, Open Graph and Twitter-card tags, its Atom feed.

use crate::config::Site;

/// Previews cut descriptions around here; a longer one is shortened at a word.
const DESCRIPTION_CHARS: usize = 200;

pub struct Meta {
    /// The page's own title, without the site name.
    pub title: String,
    pub description: String,
    /// Absolute.
    pub canonical: String,
    /// Open Graph type: "article" for a verdict, "website" for the rest.
    pub kind: &'static str,
    pub site_name: String,
    /// The page's own feed, when it has one beyond the site's.
    pub feed: Option<FeedLink>,
    /// False for pages search engines should not list (search results).
    pub indexable: bool,
    /// The picture a link preview shows: the site's card, or a verdict's own.
    pub image: MetaImage,
    /// The page's oEmbed address (verdict pages), for sites that embed from a link.
    pub oembed: Option<String>,
    /// The iframe code a verdict page offers to copy.
    pub embed_code: Option<String>,
}

/// A 1200×630 card (see `web::cards`).
pub struct MetaImage {
    /// Absolute.
    pub url: String,
    pub alt: String,
}

pub struct FeedLink {
    pub title: String,
    pub href: String,
}

impl Meta {
    /// A listing or other site page at `path`; page 2 and later are their own canonical pages.
    pub fn page(site: &Site, title: impl Into<String>, description: &str, path: &str) -> Meta {
        Meta {
            title: title.into(),
            description: shorten(description),
            canonical: site.url(path),
            kind: "website",
            site_name: site.name.clone(),
            feed: None,
            indexable: true,
            image: MetaImage {
                url: site.url("/card.png"),
                alt: site.name.clone(),
            },
            oembed: None,
            embed_code: None,
        }
    }

    /// `path` plus `?page=N` beyond the first page.
    pub fn listing(
        site: &Site,
        title: impl Into<String>,
        description: &str,
        path: &str,
        page: usize,
    ) -> Meta {
        if page > 1 {
            Meta::page(site, title, description, &format!("{path}?page={page}"))
        } else {
            Meta::page(site, title, description, path)
        }
    }

    /// A keyset listing at `position`: its cursor pages are for reading on, not for
    /// search engines to list in place of the first.
    pub fn listing_at(
        site: &Site,
        title: impl Into<String>,
        description: &str,
        path: &str,
        position: &crate::domain::ListingPosition,
    ) -> Meta {
        use crate::domain::ListingPosition as At;
        match position {
            At::Page(n) => Meta::listing(site, title, description, path, *n),
            At::Before(slug) => {
                let here = format!("{path}?before={}", slug.as_str());
                Meta::page(site, title, description, &here).not_indexed()
            }
            At::After(slug) => {
                let here = format!("{path}?after={}", slug.as_str());
                Meta::page(site, title, description, &here).not_indexed()
            }
        }
    }

    pub fn with_feed(mut self, title: impl Into<String>, href: String) -> Meta {
        self.feed = Some(FeedLink {
            title: title.into(),
            href,
        });
        self
    }

    pub fn article(mut self) -> Meta {
        self.kind = "article";
        self
    }

    /// A verdict's own card, and its oEmbed address.
    pub fn with_card(mut self, image: MetaImage, oembed: String) -> Meta {
        self.image = image;
        self.oembed = Some(oembed);
        self
    }

    pub fn with_embed_code(mut self, code: String) -> Meta {
        self.embed_code = Some(code);
        self
    }

    pub fn not_indexed(mut self) -> Meta {
        self.indexable = false;
        self
    }
}

/// At most `DESCRIPTION_CHARS`, cut at a word with "…".
fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text;
    }
    let cut: String = text.chars().take(DESCRIPTION_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let short = shorten(&long);
        assert!(short.chars().count() <= DESCRIPTION_CHARS + 1);
        assert!(short.ends_with("word…"));
        assert_eq!(shorten("  Two\n lines "), "Two lines");
    }
}
