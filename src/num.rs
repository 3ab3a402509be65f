//! Numbers in and out of text.
//!
//! [`parse`] and [`whole`] are the one place where a number typed by a person
//! (a link, a text box, a command-line flag) becomes a value; [`Num`] is the
//! one way a number is written into a sentence: at most six significant
//! digits, so that 1e308 reads "1e308" and 0.1 + 0.2 reads "0.3".

use crate::error::Result;
use crate::fail;
use std::fmt;

/// Reads a finite number (`0.01`, `-7`, `1e-3`); `what` names it in the
/// sentence ("learning rate" → "The learning rate must be a number, got …").
pub fn parse(text: &str, what: &str) -> Result<f64> {
    let t = text.trim();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => fail!(
            "The {what} must be a finite number, got \"{}\".",
            "{what}은(는) 유한한 숫자여야 하는데 \"{}\"입니다.",
            short(t)
        ),
        Err(_) => fail!(
            "The {what} must be a number, got \"{}\".",
            "{what}은(는) 숫자여야 하는데 \"{}\"입니다.",
            short(t)
        ),
    }
}

/// Reads a whole number as written (`12`, `-5`, `+3`): a number with a
/// fraction, an exponent or more than 18 digits is refused. Negative numbers
/// are returned as given, for the caller's range check to name them.
pub fn whole(text: &str, what: &str) -> Result<i64> {
    let t = text.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        fail!(
            "The {what} must be a whole number, got \"{}\".",
            "{what}은(는) 정수여야 하는데 \"{}\"입니다.",
            short(t)
        );
    }
    let v: i64 = digits.parse().unwrap_or(i64::MAX);
    Ok(if t.starts_with('-') { -v } else { v })
}

/// Text quoted in a sentence, cut to 40 characters.
pub fn short(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
}

/// A number as a sentence writes it: at most six significant digits, plain
/// between 0.0001 and a million, with an exponent outside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.is_infinite() {
            return f.write_str(if v > 0.0 { "∞" } else { "−∞" });
        }
        if v == 0.0 {
            return f.write_str("0");
        }
        // Round to six significant digits first, then choose the form.
        let rounded: f64 = format!("{v:.5e}").parse().unwrap_or(v);
        let a = rounded.abs();
        let text = if (1e-4..1e6).contains(&a) {
            let decimals = (5 - a.log10().floor() as i32).max(0) as usize;
            trim_zeros(&format!("{rounded:.decimals$}")).to_string()
        } else {
            let s = format!("{rounded:.5e}");
            let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
            format!("{}e{exponent}", trim_zeros(mantissa))
        };
        f.write_str(&text)
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// `v` as a sentence writes it (see [`Num`]).
pub fn num(v: f64) -> Num {
    Num(v)
}

/// `v` rounded to three significant digits, for tables and labels on plots.
pub fn three(v: f64) -> Num {
    Num(format!("{v:.2e}").parse().unwrap_or(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_sentences_have_at_most_six_digits() {
        let cases = [
            (1e308, "1e308"),
            (-1e308, "-1e308"),
            (0.1 + 0.2, "0.3"),
            (0.95, "0.95"),
            (1e-6, "1e-6"),
            (1.5e-7, "1.5e-7"),
            (0.0001, "0.0001"),
            (std::f64::consts::LN_10, "2.30259"),
            (123456.7, "123457"),
            (999999.7, "1e6"),
            (4294967296.0, "4.29497e9"),
            (-7.0, "-7"),
            (10000.0, "10000"),
            (0.0, "0"),
            (f64::NAN, "NaN"),
        ];
        for (v, want) in cases {
            assert_eq!(num(v).to_string(), want, "{v:e}");
        }
    }

    #[test]
    fn parsing_names_what_was_wrong() {
        assert_eq!(parse(" -7 ", "start's x").unwrap(), -7.0);
        assert_eq!(parse("1e-3", "learning rate").unwrap(), 1e-3);
        assert_eq!(
            parse("fast", "learning rate").unwrap_err().message(),
            "The learning rate must be a number, got \"fast\"."
        );
        assert_eq!(
            parse("1e999", "learning rate").unwrap_err().message(),
            "The learning rate must be a finite number, got \"1e999\"."
        );
        assert!(parse("NaN", "x").is_err());
        assert_eq!(whole("-5", "batch size").unwrap(), -5);
        assert_eq!(whole("+12", "batch size").unwrap(), 12);
        for bad in ["2.5", "1e3", "", "-", "12345678901234567890", "0x10"] {
            assert!(
                whole(bad, "batch size")
                    .unwrap_err()
                    .message()
                    .starts_with("The batch size must be a whole number"),
                "{bad}"
            );
        }
        let long = "9".repeat(60);
        assert!(parse(&format!("x{long}"), "x")
            .unwrap_err()
            .message()
            .contains('…'));
    }
}
