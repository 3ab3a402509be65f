//! The two languages Descent speaks: English and Korean (the lecture's).
//!
//! Every sentence a person reads is written in both, side by side, where it is
//! made: `tr("Loss", "손실")` for fixed text, [`crate::fail!`] for errors. The
//! language is chosen per thread (the page's wasm module and each training
//! worker are one thread each; native tests choose theirs without disturbing
//! each other); it starts as English.

use std::cell::Cell;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Reads "en" or "ko" (a region suffix such as "ko-KR" is allowed);
    /// anything else is English.
    pub fn parse(text: &str) -> Lang {
        let base = text.split(['-', '_']).next().unwrap_or("");
        if base.eq_ignore_ascii_case("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Makes `lang` the language of this thread's sentences.
pub fn set(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The language of this thread's sentences.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// `en` or `ko`, whichever is the current language.
pub fn tr<T>(en: T, ko: T) -> T {
    match current() {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// Runs `f` with `lang` as the language, then restores the previous one.
pub fn with<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = current();
    set(lang);
    let out = f();
    set(before);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_current_language_per_thread() {
        assert_eq!(tr("Loss", "손실"), "Loss");
        assert_eq!(with(Lang::Ko, || tr("Loss", "손실")), "손실");
        assert_eq!(current(), Lang::En);
        set(Lang::Ko);
        let other = std::thread::spawn(|| tr("Loss", "손실")).join().unwrap();
        assert_eq!(other, "Loss", "another thread keeps its own language");
        assert_eq!(tr("Loss", "손실"), "손실");
        set(Lang::En);
    }

    #[test]
    fn parses_language_tags() {
        assert_eq!(Lang::parse("ko"), Lang::Ko);
        assert_eq!(Lang::parse("ko-KR"), Lang::Ko);
        assert_eq!(Lang::parse("KO_kr"), Lang::Ko);
        assert_eq!(Lang::parse("en-US"), Lang::En);
        assert_eq!(Lang::parse("fr"), Lang::En);
        assert_eq!(Lang::parse(""), Lang::En);
    }
}
