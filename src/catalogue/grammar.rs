//! The one text grammar for sets of settings, used by links, the page and
//! the command line:
//!
//! - a set is `key=value` items separated by `;`, as in
//!   `optimizer=adam;lr=0.001;hidden=100,100`. A value may hold `,` and `:`
//!   (lists, `step:30:0.1`) but not `;`, `|` or `&`;
//! - a set may start with a bare name, its *head*: `adam;lr=0.3` is the set
//!   whose head (here the optimizer) is `adam`;
//! - a list of sets (the optimizer lab's runs) separates them by `|`:
//!   `sgd;lr=0.95|momentum;lr=0.1|adagrad;lr=1.5|adam;lr=0.3`.
//!
//! The keys are the catalogue's ([`super::Entry::key`]).

use crate::error::Result;
use crate::fail;
use crate::num::short;

/// One item of a set: `key=value`, or a bare head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item<'a> {
    /// The key, or `None` for the set's head.
    pub key: Option<&'a str>,
    /// The value (the head's name).
    pub value: &'a str,
}

/// The items of a set, in order. Only the first item may be a bare head.
pub fn items(text: &str) -> Result<Vec<Item<'_>>> {
    let mut out = Vec::new();
    for (i, part) in text
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        match part.split_once('=') {
            Some((k, v)) => {
                let key = k.trim();
                if key.is_empty() {
                    fail!(
                        "\"{}\" has no name before its \"=\"; write each setting as name=value, like lr=0.1.",
                        "\"{}\"에는 \"=\" 앞에 이름이 없습니다. 설정은 lr=0.1처럼 이름=값으로 쓰세요.",
                        short(part)
                    );
                }
                out.push(Item {
                    key: Some(key),
                    value: v.trim(),
                });
            }
            None if i == 0 => out.push(Item {
                key: None,
                value: part,
            }),
            None => fail!(
                "Write each setting as name=value, like lr=0.1, not \"{}\".",
                "설정은 lr=0.1처럼 이름=값으로 쓰세요. \"{}\"는 그런 꼴이 아닙니다.",
                short(part)
            ),
        }
    }
    Ok(out)
}

/// The sets of a list, in order (empty ones skipped).
pub fn sets(text: &str) -> Vec<&str> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Writes a set: an optional head, then `key=value` items.
pub fn write(head: Option<&str>, items: &[(&str, String)]) -> String {
    head.into_iter()
        .map(str::to_string)
        .chain(items.iter().map(|(k, v)| format!("{k}={v}")))
        .collect::<Vec<_>>()
        .join(";")
}

/// Writes a list of sets.
pub fn write_list(sets: &[String]) -> String {
    sets.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_lists() {
        let it = items(" adam ; lr=0.3;hidden=100,100 ;schedule=step:30:0.1;").unwrap();
        assert_eq!(
            it,
            vec![
                Item {
                    key: None,
                    value: "adam"
                },
                Item {
                    key: Some("lr"),
                    value: "0.3"
                },
                Item {
                    key: Some("hidden"),
                    value: "100,100"
                },
                Item {
                    key: Some("schedule"),
                    value: "step:30:0.1"
                },
            ]
        );
        assert_eq!(
            sets("sgd;lr=0.95| momentum ||"),
            vec!["sgd;lr=0.95", "momentum"]
        );
        assert_eq!(
            write(
                Some("adam"),
                &[("lr", "0.3".into()), ("beta1", "0.8".into())]
            ),
            "adam;lr=0.3;beta1=0.8"
        );
        assert_eq!(
            write_list(&["sgd".into(), "adam;lr=0.3".into()]),
            "sgd|adam;lr=0.3"
        );
    }

    #[test]
    fn malformed_items_are_explained() {
        assert_eq!(
            items("lr=0.1;momentum").unwrap_err().message(),
            "Write each setting as name=value, like lr=0.1, not \"momentum\"."
        );
        assert!(items("=3").unwrap_err().message().contains("no name"));
        assert!(items("").unwrap().is_empty());
    }
}
