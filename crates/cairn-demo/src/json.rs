//! A minimal JSON writer for the interchange records.
//!
//! Writing by hand keeps the generator fast (no intermediate value tree) and the field order
//! stable and readable; escaping follows RFC 8259, so every line parses.

pub(crate) struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub(crate) fn new(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }

    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        // Keys are this crate's own ASCII literals: nothing to escape.
        debug_assert!(k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        self.out.push('"');
        self.out.push_str(k);
        self.out.push_str("\":");
    }

    pub(crate) fn str(&mut self, k: &str, v: &str) -> &mut Self {
        self.key(k);
        push_string(self.out, v);
        self
    }

    pub(crate) fn opt(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.str(k, v),
            None => self.null(k),
        }
    }

    pub(crate) fn null(&mut self, k: &str) -> &mut Self {
        self.key(k);
        self.out.push_str("null");
        self
    }

    pub(crate) fn num(&mut self, k: &str, v: u64) -> &mut Self {
        self.key(k);
        push_uint(self.out, v, 1);
        self
    }

    /// Starts a nested object under `k`; close it with [`Obj::end`] on the returned writer.
    pub(crate) fn obj(&mut self, k: &str) -> Obj<'_> {
        self.key(k);
        Obj::new(self.out)
    }

    /// Starts an array under `k`; items are written with the returned writer.
    pub(crate) fn arr(&mut self, k: &str) -> Arr<'_> {
        self.key(k);
        self.out.push('[');
        Arr {
            out: self.out,
            first: true,
        }
    }

    pub(crate) fn strs(
        &mut self,
        k: &str,
        items: impl IntoIterator<Item = &'static str>,
    ) -> &mut Self {
        let mut a = self.arr(k);
        for s in items {
            a.str(s);
        }
        a.end();
        self
    }

    pub(crate) fn end(self) {
        self.out.push('}');
    }
}

pub(crate) struct Arr<'a> {
    out: &'a mut String,
    first: bool,
}

impl Arr<'_> {
    fn sep(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    pub(crate) fn obj(&mut self) -> Obj<'_> {
        self.sep();
        Obj::new(self.out)
    }

    pub(crate) fn str(&mut self, v: &str) {
        self.sep();
        push_string(self.out, v);
    }

    pub(crate) fn end(self) {
        self.out.push(']');
    }
}

/// Appends `v` in decimal, zero-padded to at least `width` digits (`format!` is slow here).
pub(crate) fn push_uint(out: &mut String, mut v: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while v > 0 {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    let start = i.min(buf.len().saturating_sub(width.clamp(1, 20)));
    for &b in &buf[start..] {
        out.push(char::from(b));
    }
}

/// Bytes that JSON strings must escape: control characters, quote and backslash.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// True when some byte of `w` is below 0x20, a quote or a backslash (SWAR: eight bytes at a
/// time; bytes of multi-byte UTF-8 characters, all >= 0x80, never match).
#[inline]
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    below_space | zero_byte(w ^ (ONES * u64::from(b'"'))) | zero_byte(w ^ (ONES * u64::from(b'\\')))
        != 0
}

pub(crate) fn push_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        // Skip clean stretches a word at a time; texts are long and mostly clean.
        for chunk in bytes[i..].chunks_exact(8) {
            let Ok(word) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            if word_needs_escape(u64::from_le_bytes(word)) {
                break;
            }
            i += 8;
        }
        let end = (i + 8).min(n);
        while i < end {
            let b = bytes[i];
            if NEEDS_ESCAPE[b as usize] {
                // Escapes are ASCII, so `i` is a char boundary.
                out.push_str(&s[start..i]);
                match b {
                    b'"' => out.push_str("\\\""),
                    b'\\' => out.push_str("\\\\"),
                    b'\n' => out.push_str("\\n"),
                    b'\r' => out.push_str("\\r"),
                    b'\t' => out.push_str("\\t"),
                    _ => {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        out.push_str("\\u00");
                        out.push(char::from(HEX[usize::from(b >> 4)]));
                        out.push(char::from(HEX[usize::from(b & 15)]));
                    }
                }
                start = i + 1;
            }
            i += 1;
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_parse_back() {
        let nasty = "a \"quote\" \\ back\nnew\ttab \u{1} «ü» and a longer clean stretch \u{1f}";
        let mut s = String::new();
        {
            let mut o = Obj::new(&mut s);
            o.str("k", nasty).null("n").num("x", 3);
            let mut a = o.arr("list");
            a.str("one");
            let mut inner = a.obj();
            inner.str("two", "2");
            inner.end();
            a.end();
            o.end();
        }
        let v: serde_json::Value = serde_json::from_str(&s).unwrap_or_default();
        assert_eq!(v["k"], nasty);
        assert!(v["n"].is_null());
        assert_eq!(v["list"][1]["two"], "2");
    }

    #[test]
    fn numbers() {
        let mut s = String::new();
        push_uint(&mut s, 0, 1);
        s.push(' ');
        push_uint(&mut s, 42, 5);
        s.push(' ');
        push_uint(&mut s, u64::MAX, 1);
        assert_eq!(s, "0 00042 18446744073709551615");
    }
}
