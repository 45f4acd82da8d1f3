//! The one refusal a screen shows: `Problem`, in Chinese with an English line for logs and tests.
//! A statute's refusal (`rules::Breach`) carries its article; `Breach::message` writes it with the
//! source in the one citation format, and `Problem::from(breach)` makes it a screen's refusal.

use crate::base::zh;
use crate::law::rules::Breach;
use std::fmt;

/// A reason an action is refused, for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub zh: String,
    pub en: String,
}

impl Problem {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem { zh: zh.into(), en: en.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

impl std::error::Error for Problem {}

impl Breach {
    /// "差额不足（居民委员会组织法第十五条）": the refusal with its source, as every screen writes it.
    pub fn message(&self) -> String {
        zh::with_source(&self.zh, self.cite.source, self.cite.article)
    }
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}
