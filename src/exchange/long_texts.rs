//! A reader that passes JSON through unchanged except that it keeps only the start of a very
//! long string: the JSON parser holds a whole string in memory before any code sees it, so a
//! file with one 2 GB text would otherwise cost 2 GB whatever the importer does with it.

use std::io::{self, Read};

/// Where the reader is in the JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Outside,
    InString,
    /// Just after a backslash in a string.
    Escape,
    /// In the hex digits of a `\u` escape, this many to go.
    Unicode(u8),
    /// In a string that is over the limit: its bytes are dropped up to its closing quote.
    Dropping,
    DroppingEscape,
}

/// Passes `inner` through, cutting each JSON string after `limit` bytes as written. The cut
/// falls between whole characters and escapes, so the result is still valid JSON, and a cut
/// string is still longer than `limit / 6` bytes once decoded (no escape is longer than six
/// bytes for one), so a reader that refuses texts over that knows it was never whole.
pub struct LongTexts<R> {
    inner: R,
    limit: usize,
    state: State,
    written: usize,
}

impl<R: Read> LongTexts<R> {
    pub fn new(inner: R, limit: usize) -> Self {
        LongTexts {
            inner,
            limit,
            state: State::Outside,
            written: 0,
        }
    }

    /// Whether `byte` goes on to the parser, moving the state along.
    fn keep(&mut self, byte: u8) -> bool {
        let (next, keep) = match (self.state, byte) {
            (State::Outside, b'"') => {
                self.written = 0;
                (State::InString, true)
            }
            (State::Outside, _) => (State::Outside, true),
            (State::InString, b'"') => (State::Outside, true),
            // A UTF-8 continuation byte (0b10xx_xxxx) belongs to the character before it.
            (State::InString, _) if self.written >= self.limit && byte & 0xC0 != 0x80 => {
                if byte == b'\\' {
                    (State::DroppingEscape, false)
                } else {
                    (State::Dropping, false)
                }
            }
            (State::InString, b'\\') => (State::Escape, true),
            (State::InString, _) => (State::InString, true),
            (State::Escape, b'u') => (State::Unicode(4), true),
            (State::Escape, _) => (State::InString, true),
            (State::Unicode(1), _) => (State::InString, true),
            (State::Unicode(n), _) => (State::Unicode(n - 1), true),
            (State::Dropping, b'"') => (State::Outside, true),
            (State::Dropping, b'\\') => (State::DroppingEscape, false),
            (State::Dropping, _) | (State::DroppingEscape, _) => (State::Dropping, false),
        };
        if keep && matches!(next, State::InString | State::Escape | State::Unicode(_)) {
            self.written += 1;
        }
        self.state = next;
        keep
    }
}

impl<R: Read> Read for LongTexts<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let read = self.inner.read(buf)?;
            if read == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..read {
                let byte = buf[i];
                if self.keep(byte) {
                    buf[kept] = byte;
                    kept += 1;
                }
            }
            // Zero would say the file ended; a chunk wholly dropped means read on.
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn through(json: &str, limit: usize) -> Value {
        let mut out = String::new();
        // One byte at a time as well as whole, so a cut across reads is exercised.
        let mut one_by_one =
            LongTexts::new(io::BufReader::with_capacity(1, json.as_bytes()), limit);
        one_by_one.read_to_string(&mut out).unwrap();
        let mut whole = String::new();
        LongTexts::new(json.as_bytes(), limit)
            .read_to_string(&mut whole)
            .unwrap();
        assert_eq!(out, whole);
        serde_json::from_str(&out).unwrap()
    }

    #[test]
    fn short_texts_pass_unchanged() {
        let json = r#"{"a": "x\"y\\z\u00e9", "b": ["é€😀", 1, true], "c": null}"#;
        assert_eq!(
            through(json, 100),
            serde_json::from_str::<Value>(json).unwrap()
        );
    }

    #[test]
    fn long_texts_are_cut_between_characters_and_escapes_and_stay_json() {
        let content = r#"é€😀\"\\\u00e9\n"#.repeat(50);
        let full: String = serde_json::from_str(&format!("\"{content}\"")).unwrap();
        // From 6 on, the keys ("after" is the longest) stay whole.
        for limit in 6..40 {
            let value = through(&format!(r#"{{"k": "{content}", "after": "ok"}}"#), limit);
            let kept = value["k"].as_str().unwrap();
            assert!(full.starts_with(kept), "limit {limit}: {kept:?}");
            assert!(kept.len() <= limit + 6, "limit {limit}: {kept:?}");
            assert!(kept.len() * 6 >= limit, "limit {limit}: {kept:?}");
            assert_eq!(value["after"], "ok", "limit {limit}");
        }
    }
}
