//! `--name value` options, taken one by one by the subcommands; whatever is
//! left over at the end is reported as unknown.

use descent::catalogue::{Domain, Entry};
use descent::{Error, Result};

/// Parsed `--name value` and `--flag` options.
pub struct Args {
    pairs: Vec<(String, Option<String>)>,
}

impl Args {
    /// Parses `--name value`, `--name=value` and bare `--flag` options.
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut pairs = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let Some(name) = args[i].strip_prefix("--") else {
                return Err(Error::new(format!(
                    "unexpected argument '{}': options start with --",
                    args[i]
                )));
            };
            if let Some((n, v)) = name.split_once('=') {
                pairs.push((n.to_string(), Some(v.to_string())));
            } else if i + 1 < args.len() && !args[i + 1].starts_with("--") {
                pairs.push((name.to_string(), Some(args[i + 1].clone())));
                i += 1;
            } else {
                pairs.push((name.to_string(), None));
            }
            i += 1;
        }
        Ok(Self { pairs })
    }

    /// Removes and returns the value of `--name`.
    pub fn take(&mut self, name: &str) -> Option<String> {
        let i = self.pairs.iter().position(|(n, _)| n == name)?;
        self.pairs.remove(i).1
    }

    /// Whether `--name` was given (it stays).
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }

    /// Removes `--name` and reports whether it was there.
    #[allow(dead_code)]
    pub fn flag(&mut self, name: &str) -> bool {
        match self.pairs.iter().position(|(n, _)| n == name) {
            Some(i) => {
                self.pairs.remove(i);
                true
            }
            None => false,
        }
    }

    /// Removes `--name` and parses its value with `parse`.
    #[allow(dead_code)]
    pub fn take_parsed<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.take(name) {
            Some(v) => parse(&v).map(Some),
            None => Ok(None),
        }
    }

    /// Takes the options that name settings of `table` (`--key value`, an
    /// old alias of the key, or a bare `--key` for an on/off setting), in
    /// the table's order, as `(key, value)` pairs.
    pub fn settings(&mut self, table: &[Entry]) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for e in table {
            for name in std::iter::once(&e.key).chain(e.aliases) {
                while let Some(i) = self.pairs.iter().position(|(n, _)| n == name) {
                    let (_, value) = self.pairs.remove(i);
                    let value = match (value, e.domain) {
                        (Some(v), _) => v,
                        (None, Domain::Flag { .. }) => "1".into(),
                        (None, _) => String::new(),
                    };
                    out.push((e.key, value));
                }
            }
        }
        out
    }

    /// Fails if any option was not taken.
    pub fn finish(self) -> Result<()> {
        match self.pairs.first() {
            None => Ok(()),
            Some((name, _)) => Err(Error::new(format!(
                "unknown option --{name} for this command. Run 'descent --help'."
            ))),
        }
    }
}

/// A parser for a whole-number option `--flag` from `lo` to `hi`, with the
/// sentence a student reads when the value is not one.
pub fn whole(flag: &'static str, lo: usize, hi: usize) -> impl Fn(&str) -> Result<usize> {
    move |v: &str| {
        v.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
            .ok_or_else(|| {
                Error::new(format!(
                    "--{flag} must be a whole number from {lo} to {hi}, got \"{}\".",
                    descent::num::short(v)
                ))
            })
    }
}
