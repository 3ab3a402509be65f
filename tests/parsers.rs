//! Property test of the two digit parsers: random, truncated and mutated byte
//! strings must give an error (or a consistent result), never a panic.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::data::{bundle, idx, Digits};
use descent::rng::Rng;

fn sample(rng: &mut Rng) -> Digits {
    let n = 1 + rng.below(20);
    let (rows, cols) = (1 + rng.below(6), 1 + rng.below(6));
    let labels = (0..n).map(|_| rng.below(10) as u8).collect();
    let pixels = (0..n * rows * cols).map(|_| rng.below(256) as u8).collect();
    Digits::new(rows, cols, labels, pixels).unwrap()
}

fn random_bytes(rng: &mut Rng, max: usize) -> Vec<u8> {
    let len = rng.below(max + 1);
    (0..len).map(|_| rng.below(256) as u8).collect()
}

/// Changes a few bytes, favouring the header where the sizes live.
fn mutate(rng: &mut Rng, bytes: &mut [u8]) {
    if bytes.is_empty() {
        return;
    }
    for _ in 0..1 + rng.below(4) {
        let at = if rng.uniform() < 0.7 {
            rng.below(bytes.len().min(24))
        } else {
            rng.below(bytes.len())
        };
        bytes[at] = match rng.below(4) {
            0 => 0,
            1 => 0xff,
            _ => rng.below(256) as u8,
        };
    }
}

#[test]
fn parsers_never_panic() {
    let mut rng = Rng::seeded(20261123);
    let mut cases = 0;
    for _ in 0..4_000 {
        // Pure noise.
        let noise = random_bytes(&mut rng, 200);
        assert!(bundle::parse(&noise).is_err());
        let _ = idx::parse(&noise, &random_bytes(&mut rng, 40));
        cases += 2;

        // A valid file, truncated and mutated.
        let d = sample(&mut rng);
        let b = bundle::write(&d);
        let (images, labels) = idx::write(&d);
        assert_eq!(bundle::parse(&b).unwrap(), d);
        assert_eq!(idx::parse(&images, &labels).unwrap(), d);
        let cut = rng.below(b.len());
        assert!(
            bundle::parse(&b[..cut]).is_err(),
            "truncated bundle accepted"
        );
        let cut = rng.below(images.len());
        assert!(idx::parse(&images[..cut], &labels).is_err());
        let cut = rng.below(labels.len());
        assert!(idx::parse(&images, &labels[..cut]).is_err());
        cases += 3;

        let mut m = b.clone();
        mutate(&mut rng, &mut m);
        if let Ok(parsed) = bundle::parse(&m) {
            // Only a mutation that left the file unchanged can still parse,
            // since the checksum covers the payload and the header is checked.
            assert_eq!(m, b, "a changed bundle parsed as {parsed:?}");
        }
        let (mut mi, mut ml) = (images.clone(), labels.clone());
        mutate(&mut rng, &mut mi);
        mutate(&mut rng, &mut ml);
        if let Ok(parsed) = idx::parse(&mi, &ml) {
            assert_eq!(parsed.len() * parsed.image_len() + 16, mi.len());
        }
        cases += 2;
    }
    assert!(cases >= 10_000, "{cases} cases");
}

#[test]
fn huge_declared_sizes_are_refused_without_allocating() {
    // A header that declares 4 billion images of 256×256 must be refused from
    // the header alone.
    let mut images = vec![0, 0, 8, 3];
    for d in [u32::MAX, 256, 256] {
        images.extend_from_slice(&d.to_be_bytes());
    }
    let e = idx::parse_images(&images).unwrap_err();
    assert!(e.message().contains("at most"), "{e}");
    let mut b = b"DSCD".to_vec();
    for f in [1u32, 100_000, 256, 256, 0] {
        b.extend_from_slice(&f.to_le_bytes());
    }
    assert!(bundle::parse(&b)
        .unwrap_err()
        .message()
        .contains("truncated"));
}
