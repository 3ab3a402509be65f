//! The IDX format of the original MNIST distribution (LeCun, Cortes, Burges).
//!
//! Big-endian. A file starts with two zero bytes, a type code (0x08 = u8) and
//! the number of dimensions, then one u32 per dimension, then the data:
//! - images (`*-images-idx3-ubyte`): magic `00 00 08 03`, count, rows, cols;
//! - labels (`*-labels-idx1-ubyte`): magic `00 00 08 01`, count.
//!
//! Gzip-compressed files must be decompressed by the caller first.

use super::{Digits, MAX_DIGITS, MAX_SIDE};
use crate::error::Result;
use crate::fail;

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Checks the magic number and returns the declared dimensions.
fn header(bytes: &[u8], what: &str, dims: usize) -> Result<Vec<usize>> {
    if bytes.len() < 4 {
        fail!(
            "The {what} file is only {} bytes long; it is empty or truncated.",
            "{what} 파일이 {}바이트뿐입니다. 비었거나 잘렸습니다.",
            bytes.len()
        );
    }
    if bytes[0] != 0 || bytes[1] != 0 {
        fail!("The {what} file is neither an IDX file (one starts with two zero bytes) nor gzip-compressed. Choose the four files of the MNIST database, compressed or not.","{what} 파일은 IDX 파일(0 바이트 두 개로 시작)도 아니고 gzip으로 압축된 파일도 아닙니다. MNIST 데이터베이스의 파일 네 개를 고르세요(압축 여부는 상관없습니다).",);
    }
    if bytes[2] != 0x08 {
        fail!(
            "The {what} file stores values of type 0x{:02x}; MNIST stores unsigned bytes (0x08).",
            "{what} 파일의 값 형식이 0x{:02x}입니다. MNIST는 부호 없는 바이트(0x08)로 저장합니다.",
            bytes[2]
        );
    }
    if bytes[3] as usize != dims {
        fail!(
            "The {what} file has {} dimensions, but {what} files have {dims}. Were the images and labels files swapped?","{what} 파일의 차원이 {}개인데, {what} 파일은 {dims}개여야 합니다. 이미지 파일과 레이블 파일이 바뀌지 않았나요?",
            bytes[3]
        );
    }
    let header_len = 4 + 4 * dims;
    if bytes.len() < header_len {
        fail!(
            "The {what} file is only {} bytes long; an IDX header needs {header_len}. It may be truncated.","{what} 파일이 {}바이트뿐입니다. IDX 헤더에는 {header_len}바이트가 필요합니다. 잘렸을 수 있습니다.",
            bytes.len()
        );
    }
    Ok((0..dims)
        .map(|d| read_u32(bytes, 4 + 4 * d) as usize)
        .collect())
}

fn check_len(bytes: &[u8], what: &str, header_len: usize, data_len: u64) -> Result<()> {
    let expected = header_len as u64 + data_len;
    if bytes.len() as u64 != expected {
        fail!(
            "The {what} file should be {expected} bytes according to its header, but it is {} bytes. It may be truncated or corrupt.","헤더대로라면 {what} 파일은 {expected}바이트여야 하지만 {}바이트입니다. 잘렸거나 손상되었을 수 있습니다.",
            bytes.len()
        );
    }
    Ok(())
}

/// Parses an idx3-ubyte images file into (count, rows, cols, pixels).
pub fn parse_images(bytes: &[u8]) -> Result<(usize, usize, usize, Vec<u8>)> {
    let dims = header(bytes, crate::i18n::tr("images", "이미지"), 3)?;
    let (count, rows, cols) = (dims[0], dims[1], dims[2]);
    if count > MAX_DIGITS {
        fail!("The images file declares {count} images; at most {MAX_DIGITS} can be loaded.","이미지 파일에 이미지가 {count}개라고 적혀 있습니다. 최대 {MAX_DIGITS}개까지 불러올 수 있습니다.",);
    }
    if rows == 0 || cols == 0 || rows > MAX_SIDE || cols > MAX_SIDE {
        fail!("The images file declares {rows}×{cols} images; each side must be 1 to {MAX_SIDE} pixels.","이미지 파일의 이미지 크기가 {rows}×{cols}입니다. 한 변은 1~{MAX_SIDE}픽셀이어야 합니다.",);
    }
    check_len(
        bytes,
        crate::i18n::tr("images", "이미지"),
        16,
        (count * rows) as u64 * cols as u64,
    )?;
    Ok((count, rows, cols, bytes[16..].to_vec()))
}

/// Parses an idx1-ubyte labels file.
pub fn parse_labels(bytes: &[u8]) -> Result<Vec<u8>> {
    let count = header(bytes, crate::i18n::tr("labels", "레이블"), 1)?[0];
    if count > MAX_DIGITS {
        fail!("The labels file declares {count} labels; at most {MAX_DIGITS} can be loaded.","레이블 파일에 레이블이 {count}개라고 적혀 있습니다. 최대 {MAX_DIGITS}개까지 불러올 수 있습니다.",);
    }
    check_len(bytes, crate::i18n::tr("labels", "레이블"), 8, count as u64)?;
    Ok(bytes[8..].to_vec())
}

/// Parses a matching pair of images and labels files.
pub fn parse(images: &[u8], labels: &[u8]) -> Result<Digits> {
    let (count, rows, cols, pixels) = parse_images(images)?;
    let labels = parse_labels(labels)?;
    if labels.len() != count {
        fail!(
            "The images file holds {count} images but the labels file holds {} labels; they must come from the same set (both training or both test).","이미지 파일에는 이미지가 {count}개, 레이블 파일에는 레이블이 {}개 있습니다. 두 파일은 같은 세트(둘 다 훈련 또는 둘 다 테스트)여야 합니다.",
            labels.len()
        );
    }
    Digits::new(rows, cols, labels, pixels)
}

/// The full MNIST set from its four files (each may be gzip-compressed):
/// the training digits followed by the test digits, and the number of test
/// digits (the last ones).
pub fn parse_mnist(
    train_images: &[u8],
    train_labels: &[u8],
    test_images: &[u8],
    test_labels: &[u8],
) -> Result<(Digits, usize)> {
    let open = |bytes: &[u8], what: &str| -> Result<Vec<u8>> {
        if super::gzip::is_gzip(bytes) {
            super::gzip::decompress(bytes)
                .map_err(|e| crate::error!("The {what} file: {e}", "{what} 파일: {e}"))
        } else {
            Ok(bytes.to_vec())
        }
    };
    let with = |r: Result<Digits>, which: &str| {
        r.map_err(|e| crate::error!("In the {which} files: {e}", "{which} 파일에서: {e}"))
    };
    let train = with(
        parse(
            &open(
                train_images,
                crate::i18n::tr("training images", "훈련 이미지"),
            )?,
            &open(
                train_labels,
                crate::i18n::tr("training labels", "훈련 레이블"),
            )?,
        ),
        crate::i18n::tr("training", "훈련"),
    )?;
    let test = with(
        parse(
            &open(test_images, crate::i18n::tr("test images", "테스트 이미지"))?,
            &open(test_labels, crate::i18n::tr("test labels", "테스트 레이블"))?,
        ),
        crate::i18n::tr("test", "테스트"),
    )?;
    train.require_mnist_size(crate::i18n::tr("training images", "훈련 이미지"))?;
    test.require_mnist_size(crate::i18n::tr("test images", "테스트 이미지"))?;
    let n_test = test.len();
    if n_test == 0 || train.is_empty() {
        fail!(
            "Both the training and the test files must hold at least one digit.",
            "훈련 파일과 테스트 파일 모두 숫자가 하나 이상 있어야 합니다.",
        );
    }
    Ok((Digits::concat(&train, &test)?, n_test))
}

/// Writes `digits` as an (images, labels) pair of IDX files.
pub fn write(digits: &Digits) -> (Vec<u8>, Vec<u8>) {
    let mut images = vec![0, 0, 8, 3];
    for d in [digits.len(), digits.rows(), digits.cols()] {
        images.extend_from_slice(&(d as u32).to_be_bytes());
    }
    for i in 0..digits.len() {
        images.extend_from_slice(digits.image(i));
    }
    let mut labels = vec![0, 0, 8, 1];
    labels.extend_from_slice(&(digits.len() as u32).to_be_bytes());
    labels.extend_from_slice(digits.labels());
    (images, labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_hand_made_file() {
        // Two 2×2 images, labels 7 and 1, bytes written out by hand.
        let images = [
            0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8,
        ];
        let labels = [0, 0, 8, 1, 0, 0, 0, 2, 7, 1];
        let d = parse(&images, &labels).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d.image(1), &[5, 6, 7, 8]);
        assert_eq!(d.labels(), &[7, 1]);
        assert_eq!(write(&d), (images.to_vec(), labels.to_vec()));
    }

    #[test]
    fn digits_that_are_not_28_by_28_are_refused_with_their_size() {
        let small = Digits::new(8, 8, vec![1; 5], vec![0; 320]).unwrap();
        let (i, l) = write(&small);
        let e = parse_mnist(&i, &l, &i, &l).unwrap_err();
        assert_eq!(
            e.message(),
            "The training images are 8×8 pixels; Descent trains, draws and saves networks on MNIST's 28×28-pixel digits."
        );
        let ok = Digits::new(28, 28, vec![1; 2], vec![0; 2 * 784]).unwrap();
        let (i2, l2) = write(&ok);
        assert!(parse_mnist(&i2, &l2, &i, &l)
            .unwrap_err()
            .message()
            .starts_with("The test images are 8×8"));
        assert_eq!(parse_mnist(&i2, &l2, &i2, &l2).unwrap().1, 2);
    }

    #[test]
    fn explains_each_failure() {
        let d = Digits::new(2, 2, vec![3, 4, 5], vec![9; 12]).unwrap();
        let (images, labels) = write(&d);
        let msg = |i: &[u8], l: &[u8]| parse(i, l).unwrap_err().to_string();
        assert!(msg(&images[..8], &labels).contains("only 8 bytes"));
        assert!(msg(&images[..20], &labels).contains("truncated"));
        assert!(msg(&labels, &images).contains("swapped"));
        assert!(msg(
            &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &labels
        )
        .contains("neither an IDX file"));
        assert!(msg(b"plain text, named .gz by mistake", &labels).contains("nor gzip-compressed"));
        assert!(msg(&images, &labels[..10]).contains("truncated"));
        let (_, two_labels) = write(&Digits::new(2, 2, vec![3, 4], vec![0; 8]).unwrap());
        assert!(msg(&images, &two_labels).contains("same set"));
        let mut bad = labels.clone();
        bad[8] = 11;
        assert!(msg(&images, &bad).contains("0 to 9"));
        let mut bad = images.clone();
        bad[2] = 0x0d;
        assert!(msg(&bad, &labels).contains("0x0d"));
    }
}
