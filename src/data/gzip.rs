//! Gzip decompression (RFC 1952), for the `.gz` files MNIST is distributed in.
//! The header is read here; the deflate stream is inflated by `miniz_oxide`.

use crate::checksum::crc32;
use crate::error::Result;
use crate::fail;

/// The largest decompressed size accepted (full MNIST's training images are 47 MB).
pub const MAX_OUTPUT: usize = 256 << 20;

/// True when `bytes` start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// Decompresses a gzip file.
pub fn decompress(bytes: &[u8]) -> Result<Vec<u8>> {
    if !is_gzip(bytes) || bytes.len() < 18 {
        fail!(
            "The file is not gzip-compressed (or is truncated).",
            "gzip으로 압축된 파일이 아닙니다(또는 잘렸습니다).",
        );
    }
    if bytes[2] != 8 {
        fail!(
            "The gzip file uses compression method {}; only deflate (8) is supported.",
            "이 gzip 파일은 압축 방식 {}을(를) 씁니다. deflate(8)만 지원합니다.",
            bytes[2]
        );
    }
    let flags = bytes[3];
    let mut at = 10;
    let need = |at: usize| -> Result<()> {
        if at > bytes.len() {
            fail!(
                "The gzip file is truncated in its header.",
                "gzip 파일의 헤더가 잘렸습니다.",
            );
        }
        Ok(())
    };
    if flags & 0x04 != 0 {
        need(at + 2)?;
        at += 2 + usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    }
    for bit in [0x08, 0x10] {
        if flags & bit != 0 {
            // A zero-terminated name or comment.
            while at < bytes.len() && bytes[at] != 0 {
                at += 1;
            }
            at += 1;
        }
    }
    if flags & 0x02 != 0 {
        at += 2;
    }
    need(at)?;
    let out = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes[at..], MAX_OUTPUT)
        .map_err(|e| {
            use miniz_oxide::inflate::TINFLStatus;
            let mib = MAX_OUTPUT >> 20;
            match e.status {
                TINFLStatus::HasMoreOutput => crate::error!(
                    "The gzip file unpacks to more than {mib} MiB, the most Descent reads (full MNIST's largest file unpacks to 47 MB).",
                    "gzip 파일을 풀면 Descent가 읽을 수 있는 최대 크기 {mib} MiB를 넘습니다(MNIST에서 가장 큰 파일도 풀면 47 MB입니다)."
                ),
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => crate::error!(
                    "The gzip file is truncated: its compressed data ends before the file does. Download it again.",
                    "gzip 파일이 잘렸습니다. 압축된 데이터가 중간에 끝납니다. 다시 내려받으세요."
                ),
                _ => crate::error!(
                    "The gzip file is corrupt: its compressed data cannot be unpacked. Download it again.",
                    "gzip 파일이 손상되었습니다. 압축된 데이터를 풀 수 없습니다. 다시 내려받으세요."
                ),
            }
        })?;
    // The trailer: CRC-32 and length of the original data.
    let tail = &bytes[bytes.len() - 8..];
    let crc = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    let len = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]);
    if crc32(&out) != crc || out.len() as u32 != len {
        fail!(
            "The gzip file is corrupt: its checksum does not match its contents.",
            "gzip 파일이 손상되었습니다. 체크섬이 내용과 맞지 않습니다.",
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflates_a_known_file() {
        // Made by `printf 'hello mnist\n' | gzip -n` on this machine.
        let gz = [
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9,
            0xc9, 0x57, 0xc8, 0xcd, 0xcb, 0x2c, 0x2e, 0xe1, 0x02, 0x00, 0xe2, 0x15, 0x85, 0xea,
            0x0c, 0x00, 0x00, 0x00,
        ];
        assert_eq!(decompress(&gz).unwrap(), b"hello mnist\n");
        assert_eq!(
            decompress(&gz[..20]).unwrap_err().message(),
            "The gzip file is truncated: its compressed data ends before the file does. Download it again."
        );
        let mut garbage = gz;
        garbage[10] = 0xff; // an invalid deflate block type
        assert!(decompress(&garbage)
            .unwrap_err()
            .message()
            .starts_with("The gzip file is corrupt"));
        assert!(decompress(b"plain text file, not gzip")
            .unwrap_err()
            .message()
            .contains("not gzip"));
        let mut bad = gz;
        bad[25] ^= 1;
        assert!(decompress(&bad).unwrap_err().message().contains("checksum"));
    }

    #[test]
    fn a_file_over_the_limit_says_so() {
        // 300 MiB of zeros compress to about 300 KB.
        let zeros = vec![0u8; 300 << 20];
        let deflated = miniz_oxide::deflate::compress_to_vec(&zeros, 1);
        let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        gz.extend_from_slice(&deflated);
        gz.extend_from_slice(&crate::checksum::crc32(&zeros).to_le_bytes());
        gz.extend_from_slice(&(zeros.len() as u32).to_le_bytes());
        assert_eq!(
            decompress(&gz).unwrap_err().message(),
            "The gzip file unpacks to more than 256 MiB, the most Descent reads (full MNIST's largest file unpacks to 47 MB)."
        );
    }
}
