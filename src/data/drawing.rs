//! A digit drawn on the page, prepared the way MNIST's digits were: the ink's
//! bounding box scaled to fit 20×20 pixels (keeping its aspect), then placed
//! so that its centre of mass sits at the centre of a 28×28 image.

/// Converts a `w × h` greyscale drawing (ink in [0, 1], row-major) into 784
/// MNIST-like pixels in [0, 1]. An empty drawing gives all zeros.
pub fn to_mnist(ink: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0.0; 784];
    if w == 0 || h == 0 || w.checked_mul(h).is_none_or(|n| ink.len() < n) {
        return out;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if ink[y * w + x] > 0.05 {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
        }
    }
    if x0 > x1 {
        return out;
    }
    let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    let scale = 20.0 / bw.max(bh);
    // Box-filter the bounding box down into a 20×20 (at most) patch.
    let (pw, ph) = (
        ((bw * scale).round() as usize).clamp(1, 20),
        ((bh * scale).round() as usize).clamp(1, 20),
    );
    let mut patch = vec![0.0_f32; pw * ph];
    let mut counts = vec![0.0_f32; pw * ph];
    for y in y0..=y1 {
        for x in x0..=x1 {
            let px = (((x - x0) as f32 * scale) as usize).min(pw - 1);
            let py = (((y - y0) as f32 * scale) as usize).min(ph - 1);
            patch[py * pw + px] += ink[y * w + x];
            counts[py * pw + px] += 1.0;
        }
    }
    for (p, c) in patch.iter_mut().zip(&counts) {
        if *c > 0.0 {
            *p = (*p / c).min(1.0);
        }
    }
    // Centre of mass of the patch, placed at (14, 14).
    let (mut sx, mut sy, mut total) = (0.0, 0.0, 0.0);
    for y in 0..ph {
        for x in 0..pw {
            let v = patch[y * pw + x];
            sx += v * x as f32;
            sy += v * y as f32;
            total += v;
        }
    }
    let (cx, cy) = if total > 0.0 {
        (sx / total, sy / total)
    } else {
        (pw as f32 / 2.0, ph as f32 / 2.0)
    };
    let (ox, oy) = ((14.0 - cx).round() as i32, (14.0 - cy).round() as i32);
    for y in 0..ph {
        for x in 0..pw {
            let (tx, ty) = (x as i32 + ox, y as i32 + oy);
            if (0..28).contains(&tx) && (0..28).contains(&ty) {
                out[ty as usize * 28 + tx as usize] = patch[y * pw + x];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stroke_is_scaled_and_centred() {
        // A vertical bar 100 px tall in the left part of a 280×280 canvas.
        let (w, h) = (280, 280);
        let mut ink = vec![0.0; w * h];
        for y in 40..140 {
            for x in 20..30 {
                ink[y * w + x] = 1.0;
            }
        }
        let img = to_mnist(&ink, w, h);
        let rows: Vec<usize> = (0..28)
            .filter(|&r| (0..28).any(|c| img[r * 28 + c] > 0.5))
            .collect();
        let cols: Vec<usize> = (0..28)
            .filter(|&c| (0..28).any(|r| img[r * 28 + c] > 0.5))
            .collect();
        assert_eq!(rows.len(), 20, "the long side becomes 20 pixels");
        assert!(cols.len() <= 3);
        let mid_r = (rows[0] + rows[rows.len() - 1]) as f32 / 2.0;
        let mid_c = (cols[0] + cols[cols.len() - 1]) as f32 / 2.0;
        assert!(
            (mid_r - 14.0).abs() <= 1.0 && (mid_c - 14.0).abs() <= 1.0,
            "centred: ({mid_r}, {mid_c})"
        );
        assert!(to_mnist(&vec![0.0; w * h], w, h).iter().all(|&v| v == 0.0));
    }
}
