//! The one refusal a screen shows: `Problem`, in Chinese with an English line for logs and tests.
//! A statute's refusal (`rules::Breach`) carries its article; `Breach::message` writes it with the
//! source in the one citation format, and `Problem::from(breach)` makes it a screen's refusal.

use crate::base::zh;
use crate::law::rules::{Breach, Cite};
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

impl fmt::Display for Cite {
    /// "居民委员会组织法第十五条": the source and its article, as every screen cites them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.source, self.article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::rules::preset;

    #[test]
    fn a_breach_is_written_with_its_source_and_article() {
        let cite = preset("national-2025-residents").unwrap().supplementary.1;
        assert_eq!(cite.to_string(), format!("{}{}", cite.source, cite.article));
        let b = Breach { zh: "差额不足".into(), cite };
        assert_eq!(b.message(), format!("差额不足（{}{}）", cite.source, cite.article));
        assert_eq!(b.to_string(), b.message());
        assert_eq!(Problem::new("请先完成选举设置", "Set up the election first").to_string(), "请先完成选举设置");
    }
}
