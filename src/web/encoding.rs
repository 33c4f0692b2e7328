//! gzip and brotli for text answers: which one a request accepts, and the compressed body
//! with its own ETag, so a cache never serves one encoding's bytes for another's tag.
//!
//! Kept pages are compressed once per change, so they take the strongest settings that stay
//! quick on a page (`KEPT`); answers made per request take cheap ones (`PER_REQUEST`).
//! Sizes on generated pages are in bench/NOTES.md (issue 15).

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

/// How hard to compress. Each setting has its own ETag suffix: the same page compressed
/// two ways is two different sets of bytes.
#[derive(Debug, Clone, Copy)]
pub struct Effort {
    brotli: u32,
    gzip: u32,
    brotli_tag: &'static str,
    gzip_tag: &'static str,
}

/// Made once per change of a page, so worth stronger settings than `PER_REQUEST`.
pub const KEPT: Effort = Effort {
    brotli: 9,
    gzip: 9,
    brotli_tag: "-br9",
    gzip_tag: "-gz9",
};

/// Made for every request (answers that are not kept): a small fraction of the render.
pub const PER_REQUEST: Effort = Effort {
    brotli: 4,
    gzip: 5,
    brotli_tag: "-br4",
    gzip_tag: "-gz5",
};

impl Encoding {
    pub fn name(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        })
    }
}

/// Types worth compressing: text of every kind we send. Images are compressed already.
pub fn is_compressible(headers: &HeaderMap) -> bool {
    let Some(kind) = headers.get(header::CONTENT_TYPE) else {
        return false;
    };
    let kind = kind.as_bytes();
    kind.starts_with(b"text/")
        || [
            b"application/json".as_slice(),
            b"application/xml",
            b"application/atom+xml",
            b"application/ld+json",
            b"image/svg+xml",
        ]
        .iter()
        .any(|prefix| kind.starts_with(prefix))
}

/// The encoding `Accept-Encoding` asks for, brotli before gzip (smaller), none if it names
/// neither or refuses them with `q=0`.
pub fn preferred(request: &HeaderMap) -> Option<Encoding> {
    let mut gzip = false;
    for value in request.get_all(header::ACCEPT_ENCODING) {
        let Ok(list) = value.to_str() else {
            continue;
        };
        for item in list.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            if refused {
                continue;
            }
            if name.eq_ignore_ascii_case("br") {
                return Some(Encoding::Brotli);
            }
            gzip |= name.eq_ignore_ascii_case("gzip");
        }
    }
    gzip.then_some(Encoding::Gzip)
}

/// `body` compressed, if that at least halves it (small answers hardly shrink, and a kept
/// page's store counts on it: `KeptPage::reserved`).
pub fn compress(body: &[u8], encoding: Encoding, effort: Effort) -> Option<Bytes> {
    let compressed = match encoding {
        Encoding::Brotli => {
            let mut out = Vec::with_capacity(body.len() / 4);
            let params = brotli::enc::BrotliEncoderParams {
                quality: effort.brotli as i32,
                lgwin: 22,
                size_hint: body.len(),
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
            out
        }
        Encoding::Gzip => {
            let out = Vec::with_capacity(body.len() / 4);
            let mut encoder =
                flate2::write::GzEncoder::new(out, flate2::Compression::new(effort.gzip));
            encoder.write_all(body).ok()?;
            encoder.finish().ok()?
        }
    };
    (compressed.len() * 2 <= body.len()).then(|| Bytes::from(compressed))
}

/// The ETag of `encoding`'s form of the page whose own ETag is `identity`: `"abc"` becomes
/// `"abc-br9"`.
pub fn etag(identity: &HeaderValue, encoding: Encoding, effort: Effort) -> HeaderValue {
    let suffix = match encoding {
        Encoding::Brotli => effort.brotli_tag,
        Encoding::Gzip => effort.gzip_tag,
    };
    let tag = identity.as_bytes();
    let (quoted, weak) = match tag.strip_prefix(b"W/") {
        Some(rest) => (rest, "W/"),
        None => (tag, ""),
    };
    let inner = quoted
        .strip_prefix(b"\"")
        .and_then(|t| t.strip_suffix(b"\""))
        .unwrap_or(quoted);
    let text = format!("{weak}\"{}{suffix}\"", String::from_utf8_lossy(inner));
    HeaderValue::from_str(&text).unwrap_or_else(|_| identity.clone())
}

/// Adds `Accept-Encoding` to the answer's `Vary`, once.
pub fn vary_on_encoding(headers: &mut HeaderMap) {
    let already = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .any(|n| n.trim().eq_ignore_ascii_case("accept-encoding") || n.trim() == "*")
        })
    });
    if !already {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    #[test]
    fn brotli_is_preferred_and_a_refused_encoding_is_never_chosen() {
        let cases = [
            (
                "gzip, deflate, br",
                Some(Encoding::Brotli),
                "browsers name both",
            ),
            ("gzip", Some(Encoding::Gzip), "gzip only"),
            ("br;q=0, gzip", Some(Encoding::Gzip), "brotli refused"),
            ("br;q=0, gzip;q=0", None, "both refused"),
            ("identity", None, "neither named"),
            ("BR", Some(Encoding::Brotli), "names are case-insensitive"),
        ];
        for (header, expected, why) in cases {
            assert_eq!(preferred(&accepting(header)), expected, "{why}: {header}");
        }
        assert_eq!(preferred(&HeaderMap::new()), None, "no header, no encoding");
    }

    #[test]
    fn compressed_bodies_come_back_whole_and_tiny_ones_are_left_alone() {
        let page = "<p>The claim was rated False.</p>\n".repeat(200);
        for encoding in [Encoding::Brotli, Encoding::Gzip] {
            let compressed = compress(page.as_bytes(), encoding, KEPT).unwrap();
            let mut back = Vec::new();
            match encoding {
                Encoding::Brotli => {
                    brotli::BrotliDecompress(&mut &compressed[..], &mut back).unwrap();
                }
                Encoding::Gzip => {
                    use std::io::Read;
                    flate2::read::GzDecoder::new(&compressed[..])
                        .read_to_end(&mut back)
                        .unwrap();
                }
            }
            assert_eq!(back, page.as_bytes(), "{encoding:?}");
            assert!(compress(b"{}", encoding, KEPT).is_none(), "{encoding:?}");
        }
    }

    #[test]
    fn each_encoding_and_effort_has_its_own_etag() {
        let identity = HeaderValue::from_static("\"0a1b\"");
        assert_eq!(etag(&identity, Encoding::Brotli, KEPT), "\"0a1b-br9\"");
        assert_eq!(etag(&identity, Encoding::Gzip, PER_REQUEST), "\"0a1b-gz5\"");
        let weak = HeaderValue::from_static("W/\"0a1b\"");
        assert_eq!(etag(&weak, Encoding::Gzip, KEPT), "W/\"0a1b-gz9\"");
    }
}
