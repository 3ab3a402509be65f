//! Korean and English: every sentence the engine writes exists in both.
//!
//! `fail!`, `error!` and `tr` take the English and the Korean side by side;
//! this test reads the sources and checks that the Korean side is Korean, and
//! that the engine answers in the language chosen.
#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use descent::i18n::{self, Lang};
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// Reads a string literal at the start of `text`; returns it and the rest.
fn literal(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some((body[..i].to_string(), &body[i + 1..])),
            _ => escaped = false,
        }
    }
    None
}

/// Skips to just after the next `,` at this nesting level (strings skipped).
fn next_argument(mut text: &str) -> Option<&str> {
    let mut depth = 0i32;
    loop {
        let c = text.chars().next()?;
        if c == '"' {
            text = literal(text)?.1;
            continue;
        }
        text = &text[c.len_utf8()..];
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            ',' if depth == 0 => return Some(text),
            _ => {}
        }
    }
}

/// The first two arguments of each call `name(` in `text` that are string
/// literals (or `format!` of one), with the call's line.
fn literals_after(text: &str, name: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(name) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let mut rest = &text[at + name.len()..];
        let mut lits = Vec::new();
        for _ in 0..2 {
            let arg = rest.trim_start();
            let arg = arg.strip_prefix("format!(").unwrap_or(arg);
            let Some((lit, _)) = literal(arg) else { break };
            lits.push(lit);
            match next_argument(rest) {
                Some(r) => rest = r,
                None => break,
            }
        }
        found.push((text[..at].lines().count(), lits));
    }
    found
}

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[test]
fn every_engine_sentence_has_a_korean_side() {
    let mut files = Vec::new();
    sources(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    let mut checked = 0;
    let mut missing = Vec::new();
    for (path, text) in &files {
        if path.ends_with("i18n.rs") || path.ends_with("error.rs") {
            continue;
        }
        for name in ["fail!(", "error!(", "tr("] {
            for (line, lits) in literals_after(text, name) {
                // Calls whose English is built elsewhere (a variable) are checked where it is built.
                if lits.is_empty() {
                    continue;
                }
                checked += 1;
                let english = &lits[0];
                let korean_ok = lits.get(1).is_some_and(|k| {
                    hangul(k) || !english.chars().any(|c| c.is_ascii_alphabetic())
                });
                if !korean_ok {
                    missing.push(format!("{path}:{line}: {english}"));
                }
            }
        }
    }
    assert!(
        checked > 150,
        "only {checked} sentences found: the scan is broken"
    );
    assert!(
        missing.is_empty(),
        "sentences without Korean:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_engine_answers_in_the_chosen_language() {
    use descent::optim::surface::Surface;
    use descent::train::TrainConfig;
    let english = Surface::parse("x^2 + foo").unwrap_err();
    assert!(
        english.message().contains("Unknown name \"foo\""),
        "{english}"
    );
    let korean = i18n::with(Lang::Ko, || Surface::parse("x^2 + foo").unwrap_err());
    assert!(
        korean.message().contains("알 수 없는 이름 \"foo\""),
        "{korean}"
    );
    let korean = i18n::with(Lang::Ko, || {
        TrainConfig::default().set("batch", "0").unwrap_err()
    });
    assert_eq!(
        korean.message(),
        "배치 크기은(는) 1~4096의 정수여야 하는데 0입니다."
    );
    let mut c = TrainConfig::default();
    let e = i18n::with(Lang::Ko, || c.set("lr", "abc").unwrap_err());
    assert_eq!(e.message(), "학습률 η은(는) 숫자여야 하는데 \"abc\"입니다.");
    let title = i18n::with(Lang::Ko, || {
        descent::train::presets::sentence("optimizer-compare")
    });
    assert!(hangul(title));
    assert!(!hangul(descent::train::presets::sentence(
        "optimizer-compare"
    )));
}

#[test]
fn the_scan_reads_calls_as_written() {
    let text = r#"x.write_str("a"); tr(format!("Loss {x}", y), format!("손실 {x}", y)); fail!("Bad \"q\".", "Bad.", v)"#;
    assert_eq!(
        literals_after(text, "tr("),
        vec![(1, vec!["Loss {x}".to_string(), "손실 {x}".to_string()])]
    );
    let lits = &literals_after(text, "fail!(")[0].1;
    assert_eq!(lits[0], "Bad \\\"q\\\".");
    assert!(!hangul(&lits[1]), "an English 'Korean' side is caught");
}

#[test]
fn every_setting_and_choice_has_a_korean_label() {
    use descent::catalogue::{Domain, Entry};
    // Names a Korean lecture keeps as they are.
    const NAMES: [&str; 23] = [
        "SGD",
        "Momentum",
        "Nesterov",
        "AdaGrad",
        "RMSProp",
        "Adam",
        "AdaDelta",
        "Newton",
        "BFGS",
        "L-BFGS",
        "tanh",
        "ReLU",
        "Leaky ReLU",
        "std 1",
        "std 0.01",
        "Xavier √(1/n)",
        "He √(2/n)",
        "β1",
        "β2",
        "ε",
        "L2 ½λ‖W‖²",
        "L1 λ‖W‖₁",
        "",
    ];
    let mut tables: Vec<Vec<Entry>> = vec![
        descent::optim::lab::SETTINGS.to_vec(),
        descent::init::settings::SETTINGS.to_vec(),
        descent::train::settings::entries(),
        descent::train::presets::SETTINGS.to_vec(),
        descent::train::search::SETTINGS.to_vec(),
    ];
    let mut checked = 0;
    let mut missing = Vec::new();
    for entry in tables.iter_mut().flatten() {
        let mut words = vec![entry.label, entry.unit];
        if let Domain::Choice { choices, .. }
        | Domain::Many { choices }
        | Domain::Text { choices, .. } = entry.domain
        {
            words.extend(choices.iter().map(|c| c.label));
        }
        for (en, ko) in words {
            checked += 1;
            let ok = hangul(ko)
                || (en == ko && NAMES.contains(&en))
                || !en.chars().any(|c| c.is_ascii_alphabetic());
            if !ok {
                missing.push(format!("{}: {en:?} / {ko:?}", entry.key));
            }
        }
    }
    assert!(checked > 100, "only {checked} labels found");
    assert!(
        missing.is_empty(),
        "labels without Korean:\n{}",
        missing.join("\n")
    );
}
