//! The one error type of the core: a sentence a student can read.
//!
//! Every fallible operation in Descent (parsing a data file, validating a
//! hyperparameter, parsing a surface expression) returns [`Error`]. The web
//! layer turns it into a `JsError` once, at the boundary; the command line
//! prints it. The message is the whole interface, so it names the value that
//! was wrong and what would have been right.

use std::fmt;

/// A readable explanation of what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    /// An error carrying `message`, which should be a full sentence.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The sentence shown to the user.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The core's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Returns an [`Error`] in the current language: `fail!("English {x}",
/// "한국어 {x}", args…)`, both `format!` strings taking the same arguments.
#[macro_export]
macro_rules! fail {
    ($en:literal, $ko:literal $(, $arg:expr)* $(,)?) => {
        return Err($crate::error::Error::new($crate::i18n::tr(
            format!($en $(, $arg)*),
            format!($ko $(, $arg)*),
        )))
    };
}

/// An [`Error`] in the current language, for `map_err` and `ok_or_else`:
/// `error!("English {x}", "한국어 {x}", args…)`.
#[macro_export]
macro_rules! error {
    ($en:literal, $ko:literal $(, $arg:expr)* $(,)?) => {
        $crate::error::Error::new($crate::i18n::tr(
            format!($en $(, $arg)*),
            format!($ko $(, $arg)*),
        ))
    };
}
