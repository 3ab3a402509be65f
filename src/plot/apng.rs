//! Animated PNG (APNG), written frame by frame: the optimizer animation for
//! static slides, from the page and from `descent figure optimizers
//! --animate`. Every browser shows APNG; unlike GIF it keeps every colour.
//!
//! The first frame is stored whole; each later frame stores only the
//! rectangle of pixels that changed since the one before (the background
//! contour stays), so a 100-frame animation stays small. Pixel data is
//! zlib-compressed scanlines with the "Up" filter.

use crate::checksum::crc32;
use crate::error::Result;
use crate::fail;

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// An APNG being written: create with the frame count, push each frame's
/// RGBA pixels, then finish.
pub struct Apng {
    out: Vec<u8>,
    width: u32,
    height: u32,
    frames: u32,
    written: u32,
    sequence: u32,
    previous: Vec<u8>,
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// zlib data of the rectangle (x, y, w, h) of an RGBA image `stride` pixels wide.
fn compress(rgba: &[u8], stride: u32, (x, y, w, h): (u32, u32, u32, u32)) -> Vec<u8> {
    let row = 4 * w as usize;
    let mut raw = Vec::with_capacity((row + 1) * h as usize);
    let line = |r: u32| {
        let start = 4 * ((y + r) as usize * stride as usize + x as usize);
        &rgba[start..start + row]
    };
    for r in 0..h {
        let cur = line(r);
        if r == 0 {
            raw.push(0); // None
            raw.extend_from_slice(cur);
        } else {
            raw.push(2); // Up: each byte minus the one above it
            let up = line(r - 1);
            raw.extend(cur.iter().zip(up).map(|(a, b)| a.wrapping_sub(*b)));
        }
    }
    miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6)
}

impl Apng {
    /// Starts an animation of `frames` frames of `width` × `height` pixels,
    /// looping forever.
    pub fn new(width: u32, height: u32, frames: u32) -> Result<Apng> {
        if !(1..=8000).contains(&width) || !(1..=8000).contains(&height) {
            fail!(
                "An animation must be 1 to 8000 pixels on a side, got {width}×{height}.",
                "애니메이션의 한 변은 1~8000픽셀이어야 하는데 {width}×{height}입니다."
            );
        }
        if !(1..=10_000).contains(&frames) {
            fail!(
                "An animation needs 1 to 10000 frames, got {frames}.",
                "애니메이션에는 프레임이 1~10000개 필요한데 {frames}개입니다."
            );
        }
        let mut out = SIGNATURE.to_vec();
        let mut ihdr = Vec::with_capacity(13);
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8 bits, RGBA, deflate, adaptive filters, no interlace
        chunk(&mut out, b"IHDR", &ihdr);
        let mut actl = frames.to_be_bytes().to_vec();
        actl.extend_from_slice(&0u32.to_be_bytes()); // loop forever
        chunk(&mut out, b"acTL", &actl);
        Ok(Apng {
            out,
            width,
            height,
            frames,
            written: 0,
            sequence: 0,
            previous: Vec::new(),
        })
    }

    /// The smallest rectangle (x, y, w, h) holding every pixel that differs
    /// from the previous frame (a 1×1 corner when none does).
    fn changed(&self, rgba: &[u8]) -> (u32, u32, u32, u32) {
        let (w, h) = (self.width as usize, self.height as usize);
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        for y in 0..h {
            let row = 4 * y * w;
            let (a, b) = (&rgba[row..row + 4 * w], &self.previous[row..row + 4 * w]);
            if a == b {
                continue;
            }
            let first = (0..w).find(|&x| a[4 * x..4 * x + 4] != b[4 * x..4 * x + 4]);
            let last = (0..w)
                .rev()
                .find(|&x| a[4 * x..4 * x + 4] != b[4 * x..4 * x + 4]);
            if let (Some(f), Some(l)) = (first, last) {
                x0 = x0.min(f);
                x1 = x1.max(l + 1);
                y0 = y0.min(y);
                y1 = y + 1;
            }
        }
        if x1 <= x0 {
            return (0, 0, 1, 1);
        }
        (x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32)
    }

    /// Adds the next frame (`width × height × 4` bytes of RGBA), shown for
    /// `delay_ms` milliseconds.
    pub fn push(&mut self, rgba: &[u8], delay_ms: u16) -> Result<()> {
        let expected = 4 * self.width as usize * self.height as usize;
        if rgba.len() != expected {
            fail!(
                "A frame of {}×{} needs {expected} bytes of RGBA, got {}.",
                "{}×{} 프레임에는 RGBA {expected}바이트가 필요한데 {}바이트입니다.",
                self.width,
                self.height,
                rgba.len()
            );
        }
        if self.written == self.frames {
            fail!(
                "The animation already has its {} frames.",
                "애니메이션의 프레임 {}개가 이미 다 찼습니다.",
                self.frames
            );
        }
        let rect = if self.written == 0 {
            (0, 0, self.width, self.height)
        } else {
            self.changed(rgba)
        };
        let mut fctl = Vec::with_capacity(26);
        for v in [self.sequence, rect.2, rect.3, rect.0, rect.1] {
            fctl.extend_from_slice(&v.to_be_bytes());
        }
        fctl.extend_from_slice(&delay_ms.to_be_bytes());
        fctl.extend_from_slice(&1000u16.to_be_bytes());
        fctl.extend_from_slice(&[0, 0]); // dispose: none; blend: source
        chunk(&mut self.out, b"fcTL", &fctl);
        self.sequence += 1;
        let data = compress(rgba, self.width, rect);
        if self.written == 0 {
            chunk(&mut self.out, b"IDAT", &data);
        } else {
            let mut fdat = self.sequence.to_be_bytes().to_vec();
            fdat.extend_from_slice(&data);
            chunk(&mut self.out, b"fdAT", &fdat);
            self.sequence += 1;
        }
        self.previous.clear();
        self.previous.extend_from_slice(rgba);
        self.written += 1;
        Ok(())
    }

    /// Frames added so far.
    pub fn written(&self) -> u32 {
        self.written
    }

    /// The file, once every frame is in.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if self.written != self.frames {
            fail!(
                "The animation has {} of its {} frames.",
                "애니메이션의 프레임 {1}개 중 {0}개만 있습니다.",
                self.written,
                self.frames
            );
        }
        chunk(&mut self.out, b"IEND", &[]);
        Ok(self.out)
    }
}

/// RGB pixels (as the command line's bitmap backend draws them) as RGBA.
pub fn rgb_to_rgba(rgb: &[u8]) -> Vec<u8> {
    rgb.chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn frame(w: u32, h: u32, dot: Option<(u32, u32)>) -> Vec<u8> {
        let mut f = vec![0u8; (4 * w * h) as usize];
        for (i, p) in f.chunks_exact_mut(4).enumerate() {
            let (x, y) = (i as u32 % w, i as u32 / w);
            p.copy_from_slice(&[(x * 7) as u8, (y * 5) as u8, 200, 255]);
            if dot == Some((x, y)) || dot.is_some_and(|(dx, dy)| x == dx + 1 && y == dy + 2) {
                p.copy_from_slice(&[255, 0, 0, 255]);
            }
        }
        f
    }

    /// Decodes with the `png` crate and composes the frames as a viewer
    /// does (dispose none, blend source).
    fn decode(bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let info = reader.info().clone();
        let actl = info.animation_control.expect("acTL");
        let (w, h) = (info.width as usize, info.height as usize);
        let mut canvas = vec![0u8; 4 * w * h];
        let mut out = Vec::new();
        let mut buf = vec![0u8; reader.output_buffer_size().unwrap()];
        for _ in 0..actl.num_frames {
            let got = reader.next_frame(&mut buf).unwrap();
            let fc = reader.info().frame_control.expect("fcTL");
            let (fx, fy, fw) = (
                fc.x_offset as usize,
                fc.y_offset as usize,
                fc.width as usize,
            );
            for r in 0..fc.height as usize {
                let src = &buf[r * got.line_size..r * got.line_size + 4 * fw];
                let at = 4 * ((fy + r) * w + fx);
                canvas[at..at + 4 * fw].copy_from_slice(src);
            }
            out.push(canvas.clone());
        }
        out
    }

    #[test]
    fn frames_decode_to_what_was_pushed() {
        let (w, h) = (37, 23);
        let frames = [
            frame(w, h, None),
            frame(w, h, Some((3, 4))),
            frame(w, h, Some((30, 19))),
            frame(w, h, Some((30, 19))),
        ];
        let mut a = Apng::new(w, h, frames.len() as u32).unwrap();
        for f in &frames {
            a.push(f, 100).unwrap();
        }
        let bytes = a.finish().unwrap();
        assert_eq!(decode(&bytes), frames.to_vec());
    }

    #[test]
    fn later_frames_store_only_what_changed() {
        let (w, h) = (400, 300);
        let mut a = Apng::new(w, h, 2).unwrap();
        a.push(&frame(w, h, None), 100).unwrap();
        let first = a.out.len();
        a.push(&frame(w, h, Some((200, 100))), 100).unwrap();
        assert!(
            a.out.len() - first < 200,
            "a 2×3-pixel change took {} bytes",
            a.out.len() - first
        );
    }

    #[test]
    fn refuses_wrong_sizes_and_counts() {
        assert!(Apng::new(0, 10, 1).is_err());
        assert!(Apng::new(10, 10, 0).is_err());
        let mut a = Apng::new(4, 4, 1).unwrap();
        assert!(a
            .push(&[0; 10], 10)
            .unwrap_err()
            .message()
            .contains("64 bytes"));
        a.push(&[0; 64], 10).unwrap();
        assert!(a.push(&[0; 64], 10).is_err());
        assert!(Apng::new(4, 4, 2).unwrap().finish().is_err());
    }
}
