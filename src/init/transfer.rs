//! The initialization experiment's results as bytes, so that a large
//! configuration can be computed in a worker and drawn by the page.
//!
//! Little-endian: u32 rows; per row u32 layers; per layer f64 mean, std,
//! pre_std, saturated, dead, u8 identical, the histogram, u8 has-gradient,
//! then (if so) f64 grad_std and the gradient's histogram. A histogram is
//! f64 lo, f64 hi, u32 bins, u32 counts.

use super::experiment::LayerStats;
use crate::error::Result;
use crate::fail;
use crate::stats::Histogram;

fn histogram(out: &mut Vec<u8>, h: &Histogram) {
    out.extend_from_slice(&h.lo.to_le_bytes());
    out.extend_from_slice(&h.hi.to_le_bytes());
    out.extend_from_slice(&(h.counts.len() as u32).to_le_bytes());
    for &c in &h.counts {
        out.extend_from_slice(&(c.min(u32::MAX as usize) as u32).to_le_bytes());
    }
}

/// Every row's statistics as bytes.
pub fn encode(rows: &[Vec<LayerStats>]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for row in rows {
        out.extend_from_slice(&(row.len() as u32).to_le_bytes());
        for s in row {
            for v in [s.mean, s.std, s.pre_std, s.saturated, s.dead] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            out.push(u8::from(s.identical));
            histogram(&mut out, &s.histogram);
            match (s.grad_std, &s.grad_histogram) {
                (Some(g), Some(h)) => {
                    out.push(1);
                    out.extend_from_slice(&g.to_le_bytes());
                    histogram(&mut out, h);
                }
                _ => out.push(0),
            }
        }
    }
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        let Some(slice) = self.bytes.get(self.at..self.at + N) else {
            fail!(
                "The computed histograms arrived incomplete.",
                "계산한 히스토그램이 다 도착하지 않았습니다.",
            );
        };
        self.at += N;
        let mut a = [0; N];
        a.copy_from_slice(slice);
        Ok(a)
    }
    fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_le_bytes(self.take()?))
    }
    fn u32(&mut self) -> Result<usize> {
        Ok(u32::from_le_bytes(self.take()?) as usize)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take::<1>()?[0])
    }
    fn histogram(&mut self) -> Result<Histogram> {
        let (lo, hi, bins) = (self.f64()?, self.f64()?, self.u32()?);
        if bins > 1000 {
            fail!(
                "The computed histograms arrived garbled.",
                "계산한 히스토그램이 깨져서 도착했습니다.",
            );
        }
        let counts = (0..bins).map(|_| self.u32()).collect::<Result<_>>()?;
        Ok(Histogram { lo, hi, counts })
    }
}

/// Reads what [`encode`] wrote.
pub fn decode(bytes: &[u8]) -> Result<Vec<Vec<LayerStats>>> {
    let mut r = Reader { bytes, at: 0 };
    let rows = r.u32()?;
    if rows > 2 {
        fail!(
            "The computed histograms arrived garbled.",
            "계산한 히스토그램이 깨져서 도착했습니다.",
        );
    }
    let mut out = Vec::with_capacity(rows);
    for _ in 0..rows {
        let layers = r.u32()?.min(100);
        let mut row = Vec::with_capacity(layers);
        for _ in 0..layers {
            let (mean, std, pre_std, saturated, dead) =
                (r.f64()?, r.f64()?, r.f64()?, r.f64()?, r.f64()?);
            let identical = r.u8()? == 1;
            let histogram = r.histogram()?;
            let (grad_std, grad_histogram) = if r.u8()? == 1 {
                (Some(r.f64()?), Some(r.histogram()?))
            } else {
                (None, None)
            };
            row.push(LayerStats {
                mean,
                std,
                pre_std,
                saturated,
                dead,
                identical,
                histogram,
                grad_std,
                grad_histogram,
            });
        }
        out.push(row);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::experiment::{run, Config};

    #[test]
    fn round_trip() {
        let forward = run(&Config::default(), false).unwrap();
        let backward = run(&Config::default(), true).unwrap();
        let rows = vec![forward, backward];
        assert_eq!(decode(&encode(&rows)).unwrap(), rows);
        let bytes = encode(&rows);
        assert!(decode(&bytes[..bytes.len() - 3]).is_err());
    }
}
