//! Uploading an image as a browser does (a multipart form), and the images tests upload,
//! drawn here with the `image` crate: nothing is taken from the web.

use super::{Page, TestApp};
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use std::io::Cursor;

const BOUNDARY: &str = "factdesk-test-boundary-7d1f";

impl TestApp {
    /// Sends the upload form: its text fields, and `file` as the chosen file.
    pub async fn upload(&self, file: &[u8], text_fields: &[(&str, &str)]) -> Page {
        self.upload_with_token(file, text_fields, &self.csrf().await)
            .await
    }

    pub async fn upload_with_token(
        &self,
        file: &[u8],
        text_fields: &[(&str, &str)],
        csrf: &str,
    ) -> Page {
        let mut fields = vec![("csrf", csrf)];
        fields.extend_from_slice(text_fields);
        self.post_multipart("/editor/media", multipart_body(&fields, file))
            .await
    }

    pub async fn post_multipart(&self, path: &str, body: Vec<u8>) -> Page {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body);
        if let Some(cookie) = &self.session_cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.unwrap();
        Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    pub async fn head(&self, path: &str) -> Page {
        let response = self
            .client
            .head(format!("{}{path}", self.address))
            .send()
            .await
            .unwrap();
        Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    /// Uploads `file` with `alt` and returns the new image's id.
    pub async fn upload_image(&self, file: &[u8], alt: &str) -> i64 {
        let page = self.upload(file, &[("alt", alt)]).await;
        assert_eq!(page.status, 303, "upload refused:\n{}", page.body);
        self.db
            .read(|conn| Ok(conn.query_row("SELECT max(id) FROM images", [], |r| r.get(0))?))
            .unwrap()
    }
}

/// A multipart body as a browser sends the upload form.
pub fn multipart_body(fields: &[(&str, &str)], file: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"picture\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A gradient, so every size and format has real pixels to encode.
pub fn photo(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    })
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .write_image(
            photo(width, height).as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    bytes
}

/// A PNG with a transparent half: its fallback must stay PNG.
pub fn transparent_png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, _| {
        Rgba([200, 40, 40, if x < width / 2 { 0 } else { 255 }])
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

pub fn encoded(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(photo(width, height))
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// A phone photo: a JPEG whose EXIF says where it was taken and that it is stored turned
/// (orientation 6: shown turned a quarter clockwise), with an XMP packet beside it.
pub fn phone_photo_with_location(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    // IFD0: orientation, and where the GPS IFD starts.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    let gps_at = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0]);
    tiff.extend_from_slice(&(gps_at as u32).to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD: latitude north, and the latitude itself as rationals (52° 31' 12").
    let rationals_at = gps_at + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0x02, 0x00, 5, 0, 3, 0, 0, 0]);
    tiff.extend_from_slice(&(rationals_at as u32).to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(52u32, 1u32), (31, 1), (12, 1)] {
        tiff.extend_from_slice(&n.to_le_bytes());
        tiff.extend_from_slice(&d.to_le_bytes());
    }
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>52,31.2N</exif:GPSLatitude></x:xmpmeta>".to_vec();
    let mut out = plain[..2].to_vec(); // SOI
    for segment in [exif, xmp] {
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&segment);
    }
    out.extend_from_slice(&plain[2..]);
    out
}

/// A PNG of a few hundred bytes whose header claims `width` × `height` pixels: decoded,
/// it would need gigabytes.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut zeros, &vec![0u8; 64 * 1024]).unwrap();
    chunk(&mut png, b"IDAT", &zeros.finish().unwrap());
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    png.extend_from_slice(&crc.sum().to_be_bytes());
}
