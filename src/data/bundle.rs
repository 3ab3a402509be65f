//! The compact digit bundle served with the page (`www/data/digits.bin`).
//!
//! Little-endian layout, written by `scripts/make-data.mjs`:
//!
//! | offset | field |
//! |---|---|
//! | 0 | magic `DSCD` |
//! | 4 | u32 version (1) |
//! | 8 | u32 count |
//! | 12 | u32 rows |
//! | 16 | u32 cols |
//! | 20 | u32 FNV-1a checksum of every byte after the header |
//! | 24 | `count` labels (u8, 0..=9) |
//! | 24 + count | `count·rows·cols` pixels (u8, 0..=255) |

use super::{Digits, MAX_DIGITS, MAX_SIDE};
use crate::checksum::fnv1a;
use crate::error::Result;
use crate::fail;

/// Bytes before the payload.
pub const HEADER_LEN: usize = 24;
const MAGIC: &[u8; 4] = b"DSCD";

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Parses a bundle, checking its header, size and checksum.
pub fn parse(bytes: &[u8]) -> Result<Digits> {
    if bytes.len() < HEADER_LEN {
        fail!(
            "The digit file is only {} bytes long; even its header needs {HEADER_LEN}. It may not have downloaded completely.","숫자 데이터 파일이 {}바이트뿐입니다. 헤더만 해도 {HEADER_LEN}바이트가 필요합니다. 다운로드가 끝나지 않았을 수 있습니다.",
            bytes.len()
        );
    }
    if &bytes[0..4] != MAGIC {
        fail!(
            "This is not a Descent digit file: it does not start with \"DSCD\".",
            "Descent 숫자 데이터 파일이 아닙니다. \"DSCD\"로 시작하지 않습니다.",
        );
    }
    let version = read_u32(bytes, 4);
    if version != 1 {
        fail!(
            "The digit file has format version {version}; this version of Descent reads version 1.",
            "숫자 데이터 파일의 형식 버전이 {version}입니다. 이 Descent는 버전 1만 읽습니다.",
        );
    }
    let count = read_u32(bytes, 8) as usize;
    let rows = read_u32(bytes, 12) as usize;
    let cols = read_u32(bytes, 16) as usize;
    if count > MAX_DIGITS {
        fail!("The digit file declares {count} digits; at most {MAX_DIGITS} are allowed.","숫자 데이터 파일에 숫자가 {count}개라고 적혀 있습니다. 최대 {MAX_DIGITS}개까지 허용됩니다.",);
    }
    if rows == 0 || cols == 0 || rows > MAX_SIDE || cols > MAX_SIDE {
        fail!("The digit file declares {rows}×{cols} images; each side must be 1 to {MAX_SIDE} pixels.","숫자 데이터 파일의 이미지 크기가 {rows}×{cols}입니다. 한 변은 1~{MAX_SIDE}픽셀이어야 합니다.",);
    }
    // u64: on wasm32 a usize product of the declared sizes could overflow.
    let expected = (HEADER_LEN + count) as u64 + (count * rows) as u64 * cols as u64;
    if bytes.len() as u64 != expected {
        fail!(
            "The digit file should be {expected} bytes for {count} images of {rows}×{cols}, but it is {} bytes. It may be truncated or corrupt.","{rows}×{cols} 이미지 {count}개라면 숫자 데이터 파일은 {expected}바이트여야 하지만 {}바이트입니다. 잘렸거나 손상되었을 수 있습니다.",
            bytes.len()
        );
    }
    let payload = &bytes[HEADER_LEN..];
    let stored = read_u32(bytes, 20);
    let actual = fnv1a(payload);
    if stored != actual {
        fail!("The digit file is corrupt: its checksum is {actual:08x}, but its header says {stored:08x}.","숫자 데이터 파일이 손상되었습니다. 체크섬은 {actual:08x}인데 헤더에는 {stored:08x}라고 적혀 있습니다.",);
    }
    Digits::new(
        rows,
        cols,
        payload[..count].to_vec(),
        payload[count..].to_vec(),
    )
}

/// Writes `digits` in the bundle format (the inverse of [`parse`]).
pub fn write(digits: &Digits) -> Vec<u8> {
    let mut payload = digits.labels().to_vec();
    for i in 0..digits.len() {
        payload.extend_from_slice(digits.image(i));
    }
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    for field in [
        1,
        digits.len() as u32,
        digits.rows() as u32,
        digits.cols() as u32,
        fnv1a(&payload),
    ] {
        out.extend_from_slice(&field.to_le_bytes());
    }
    out.extend_from_slice(&payload);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Digits {
        Digits::new(2, 3, vec![4, 9], (0..12).map(|v| v * 20).collect()).unwrap()
    }

    #[test]
    fn round_trips() {
        let d = sample();
        let bytes = write(&d);
        assert_eq!(bytes.len(), HEADER_LEN + 2 + 12);
        assert_eq!(parse(&bytes).unwrap(), d);
    }

    #[test]
    fn explains_each_failure() {
        let good = write(&sample());
        let msg = |b: &[u8]| parse(b).unwrap_err().to_string();
        assert!(msg(&good[..10]).contains("only 10 bytes"));
        assert!(msg(&good[..good.len() - 1]).contains("truncated"));
        let mut bad = good.clone();
        bad[0] = b'X';
        assert!(msg(&bad).contains("not a Descent digit file"));
        let mut bad = good.clone();
        bad[4] = 2;
        assert!(msg(&bad).contains("version 2"));
        let mut bad = good.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert!(msg(&bad).contains("checksum"));
        let mut bad = good.clone();
        bad[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(msg(&bad).contains("at most"));
    }
}
