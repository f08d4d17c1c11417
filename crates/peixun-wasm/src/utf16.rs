//! UTF-8 to UTF-16, for handing text to JavaScript (see `wasm::text`).
//!
//! Compiled on every target so that its tests run natively; only the
//! WebAssembly surface calls it.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

/// Writes the UTF-16 code units of `s` to the start of `out`, growing it if
/// needed, and returns how many there are (`out` may be longer: the rest is
/// left from earlier calls, so that a buffer kept between calls is neither
/// cleared nor refilled each time).
///
/// ASCII is widened eight bytes at a time where it can be, else byte by
/// byte (about 3× faster in WebAssembly than byte by byte); other characters are decoded from
/// their UTF-8 sequence (valid: `s` is a `str`), those above U+FFFF as a
/// surrogate pair. Written with slices and no closures: the module is built
/// for size, and then only primitive indexing is sure to be inlined.
pub(crate) fn to_utf16(s: &str, out: &mut Vec<u16>) -> usize {
    let src = s.as_bytes();
    // Never more code units than bytes: 1 byte -> 1 unit, 2 or 3 -> 1, 4 -> 2.
    if out.len() < src.len() {
        out.resize(src.len(), 0);
    }
    let dst = out.as_mut_slice();
    let mut n = 0;
    let mut i = 0;
    while i < src.len() {
        // Eight ASCII bytes at a time (one load, one test) while they are.
        if let (Some(chunk), Some(units)) = (src.get(i..i + 8), dst.get_mut(n..n + 8)) {
            if let Ok(bytes) = <[u8; 8]>::try_from(chunk) {
                let w = u64::from_le_bytes(bytes);
                if w & 0x8080_8080_8080_8080 == 0 {
                    units[0] = (w & 0xff) as u16;
                    units[1] = ((w >> 8) & 0xff) as u16;
                    units[2] = ((w >> 16) & 0xff) as u16;
                    units[3] = ((w >> 24) & 0xff) as u16;
                    units[4] = ((w >> 32) & 0xff) as u16;
                    units[5] = ((w >> 40) & 0xff) as u16;
                    units[6] = ((w >> 48) & 0xff) as u16;
                    units[7] = (w >> 56) as u16;
                    n += 8;
                    i += 8;
                    continue;
                }
            }
        }
        let lead = src[i];
        if lead < 0x80 {
            dst[n] = u16::from(lead);
            n += 1;
            i += 1;
            continue;
        }
        let b1 = u32::from(src[i + 1] & 0x3f);
        if lead < 0xe0 {
            dst[n] = ((u32::from(lead & 0x1f) << 6) | b1) as u16;
            n += 1;
            i += 2;
            continue;
        }
        let b2 = u32::from(src[i + 2] & 0x3f);
        if lead < 0xf0 {
            dst[n] = ((u32::from(lead & 0x0f) << 12) | (b1 << 6) | b2) as u16;
            n += 1;
            i += 3;
            continue;
        }
        let b3 = u32::from(src[i + 3] & 0x3f);
        let c = ((u32::from(lead & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3) - 0x1_0000;
        dst[n] = 0xd800 | (c >> 10) as u16;
        dst[n + 1] = 0xdc00 | (c & 0x3ff) as u16;
        n += 2;
        i += 4;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::to_utf16;

    #[test]
    fn code_units_are_those_of_encode_utf16() {
        let mut out = vec![7; 100];
        for s in [
            "",
            "ascii only {\"a\":1}",
            "培训券 é ü ß",
            "😀𝄞 edge \u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
            "混合 mixed 😀 text\n",
            "exactly8exactly8 then more than eight ascii bytes, 中文 in the middle, 12345678",
            "1234567中",
            "1234567中12345678",
            "12中3456789abcdefghij中文k",
            "中",
            "a中b",
        ] {
            let n = to_utf16(s, &mut out);
            assert_eq!(out[..n], s.encode_utf16().collect::<Vec<u16>>(), "{s:?}");
        }
    }

    #[test]
    fn every_split_of_ascii_and_other_characters() {
        // Every place of a multi-byte character within and across the
        // eight-byte chunks, with stale units left in the buffer.
        let mut out = vec![0xffff; 3];
        for c in ['é', '中', '😀'] {
            for before in 0..18 {
                for after in 0..10 {
                    let s = format!("{}{c}{}{c}{c}", "a".repeat(before), "b".repeat(after));
                    let n = to_utf16(&s, &mut out);
                    assert_eq!(out[..n], s.encode_utf16().collect::<Vec<u16>>(), "{s:?}");
                }
            }
        }
    }
}
