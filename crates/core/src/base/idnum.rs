//! Citizen identity numbers (公民身份号码, GB 11643-1999) and the voting-age rule.
//!
//! An 18-character number is 6 address digits + 8 birth-date digits (YYYYMMDD) + 3 sequence
//! digits (odd = male) + 1 check character (ISO 7064 MOD 11-2). See legal-rules.md §6.
//! Nothing here reads a clock: the caller passes the reference day.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Full years of age that give the right to vote and stand
/// (居民委员会组织法 2025 art 16 / 2018 art 8; 村民委员会组织法 art 13: 年满十八周岁).
pub const VOTING_AGE: i32 = 18;

/// Weights of positions 1-17 (2^(18-i) mod 11), GB 11643-1999.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for S mod 11 = 0..=10.
const CHECK: [u8; 11] = *b"10X98765432";

pub use crate::base::terms::Sex;

/// Why a number was refused. `message_zh` is what the screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Empty,
    /// Length after removing spaces; 15 means an old-style number (see `convert_legacy`).
    WrongLength(usize),
    /// 1-based position of a character that is not a digit (or X in the last place).
    BadCharacter(usize),
    /// Characters 7-14 are not a real calendar date.
    NoSuchDate,
    /// The birth date is after the reference day.
    FutureDate,
    /// The check character does not match; `expected` is what the first 17 digits give.
    CheckDigit {
        expected: char,
        found: char,
    },
}

impl IdError {
    pub fn message_zh(&self) -> String {
        match self {
            IdError::Empty => "请填写身份证号".into(),
            IdError::WrongLength(15) => "这是15位的旧身份证号，应为18位（可以自动转换为18位后再核对）".into(),
            IdError::WrongLength(n) => format!("身份证号应为18位，现在是{n}位"),
            IdError::BadCharacter(p) => {
                format!("身份证号第{p}位不对：前17位只能是数字，最后一位是数字或X")
            }
            IdError::NoSuchDate => "身份证号中的出生日期不存在，请核对第7至14位".into(),
            IdError::FutureDate => "身份证号中的出生日期晚于今天，请核对第7至14位".into(),
            IdError::CheckDigit { .. } => "身份证号校验位不对，请核对最后一位（或前面是否有数字录错）".into(),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            IdError::Empty => "Enter the ID number".into(),
            IdError::WrongLength(15) => {
                "This is an old 15-digit ID number; 18 characters are needed (it can be converted)".into()
            }
            IdError::WrongLength(n) => format!("An ID number has 18 characters, not {n}"),
            IdError::BadCharacter(p) => {
                format!("Character {p} is wrong: the first 17 are digits, the last a digit or X")
            }
            IdError::NoSuchDate => "The birth date in the ID number (characters 7-14) does not exist".into(),
            IdError::FutureDate => "The birth date in the ID number is in the future".into(),
            IdError::CheckDigit { expected, found } => {
                format!("The check character is wrong: the first 17 digits give {expected}, not {found}")
            }
        }
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for IdError {}

/// A validated 18-character number, upper-case X.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

impl IdNumber {
    /// Validate an 18-character number typed by a person. Spaces are ignored, `x` becomes `X`;
    /// the birth date must exist and not be after `reference` (today, or the election day).
    pub fn parse(input: &str, reference: NaiveDate) -> Result<IdNumber, IdError> {
        let id = IdNumber::parse_undated(input)?;
        if id.birth() > reference {
            return Err(IdError::FutureDate);
        }
        Ok(id)
    }

    /// Like `parse`, but also accepts an old 15-digit number and converts it.
    pub fn parse_or_convert(input: &str, reference: NaiveDate) -> Result<IdNumber, IdError> {
        let s = normalise(input);
        if s.len() == 15 {
            let id = convert_legacy(&s)?;
            if id.birth() > reference {
                return Err(IdError::FutureDate);
            }
            return Ok(id);
        }
        IdNumber::parse(&s, reference)
    }

    /// Format, date and check character, without a reference day (for data already accepted).
    pub fn parse_undated(input: &str) -> Result<IdNumber, IdError> {
        let s = normalise(input);
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 18 {
            return Err(IdError::WrongLength(chars.len()));
        }
        if let Some(p) = chars[..17].iter().position(|c| !c.is_ascii_digit()) {
            return Err(IdError::BadCharacter(p + 1));
        }
        if !(chars[17].is_ascii_digit() || chars[17] == 'X') {
            return Err(IdError::BadCharacter(18));
        }
        let b = s.as_bytes();
        if date_at(&s[6..14]).is_none() {
            return Err(IdError::NoSuchDate);
        }
        let expected = check_char(&s[..17]);
        if b[17] as char != expected {
            return Err(IdError::CheckDigit { expected, found: b[17] as char });
        }
        Ok(IdNumber(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// County-level address code of the hukou place at issue (GB/T 2260), characters 1-6.
    pub fn address_code(&self) -> &str {
        &self.0[..6]
    }

    pub fn birth(&self) -> NaiveDate {
        date_at(&self.0[6..14]).expect("validated on construction")
    }

    /// Characters 15-17 are the sequence code; its parity (the 17th character) gives the sex.
    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// First 6 and last 4 characters, the rest as `*`: what public notices may show.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IdNumber {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        IdNumber::parse_undated(&s)
    }
}

impl From<IdNumber> for String {
    fn from(id: IdNumber) -> String {
        id.0
    }
}

/// Clean what people type or paste before any check: spaces (also the full-width 　), dashes and
/// hyphens of every width, full-width digits (a Chinese keyboard's １２３), and a lower-case or
/// full-width x, which stand for the check character X.
pub fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'x' | 'Ｘ' | 'ｘ' => 'X',
            c => c,
        })
        .collect()
}

/// MOD 11-2 check character of the first 17 digits (`body` must be 17 ASCII digits).
pub fn check_char(body: &str) -> char {
    let sum: u32 = body.bytes().zip(WEIGHTS).map(|(d, w)| (d - b'0') as u32 * w).sum();
    CHECK[(sum % 11) as usize] as char
}

/// An old 15-digit number (GB 11643-1989: YYMMDD of a 19xx birth, no check character)
/// as the 18-character number it became: insert "19" and compute the check character.
pub fn convert_legacy(input: &str) -> Result<IdNumber, IdError> {
    let s = normalise(input);
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if !s.is_ascii() || s.len() != 15 {
        return Err(IdError::WrongLength(s.chars().count()));
    }
    if let Some(p) = s.bytes().position(|c| !c.is_ascii_digit()) {
        return Err(IdError::BadCharacter(p + 1));
    }
    let body = format!("{}19{}", &s[..6], &s[6..]);
    let full = format!("{body}{}", check_char(&body));
    IdNumber::parse_undated(&full)
}

/// The 18-character number for a 17-digit body (used by the demo generator and tests).
pub fn with_check_char(body: &str) -> String {
    format!("{body}{}", check_char(body))
}

fn date_at(yyyymmdd: &str) -> Option<NaiveDate> {
    let y: i32 = yyyymmdd[..4].parse().ok()?;
    let m: u32 = yyyymmdd[4..6].parse().ok()?;
    let d: u32 = yyyymmdd[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The day a person born on `birth` turns `years` full years. A 29 February birth has its
/// anniversary on 28 February in common years (民法典 art 202: no such day → last day of the month);
/// legal-rules.md §5.2 [I] — a policy choice shown to the user.
pub fn anniversary(birth: NaiveDate, years: i32) -> NaiveDate {
    let y = birth.year() + years;
    NaiveDate::from_ymd_opt(y, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
        .expect("28 February exists every year")
}

/// Whether someone born on `birth` has the voting age on `election_day`: 18 full years reached
/// on or before that day; turning 18 on the day itself counts (legal-rules.md §5.2).
pub fn eligible_on(birth: NaiveDate, election_day: NaiveDate) -> bool {
    anniversary(birth, VOTING_AGE) <= election_day
}

/// Full years of age on `day` (0 before the first birthday).
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut years = day.year() - birth.year();
    if years > 0 && anniversary(birth, years) > day {
        years -= 1;
    }
    years.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 1, 1);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn vectors_from_legal_rules_6_5() {
        let a = IdNumber::parse("11010519491231002X", today()).unwrap();
        assert_eq!((a.birth(), a.sex()), (d(1949, 12, 31), Sex::Female));
        let b = IdNumber::parse("440524188001010014", today()).unwrap();
        assert_eq!((b.birth(), b.sex()), (d(1880, 1, 1), Sex::Male));
        let c = IdNumber::parse("370101190102039973", today()).unwrap();
        assert_eq!((c.birth(), c.sex()), (d(1901, 2, 3), Sex::Male));
        assert!(IdNumber::parse("34052419800101001X", today()).is_ok());
        assert_eq!(
            IdNumber::parse("340524198001010013", today()),
            Err(IdError::CheckDigit { expected: 'X', found: '3' })
        );
    }

    #[test]
    fn lowercase_x_and_spaces_are_normalised() {
        let id = IdNumber::parse(" 110105 19491231 002x ", today()).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn format_errors() {
        assert_eq!(IdNumber::parse("", today()), Err(IdError::Empty));
        assert_eq!(IdNumber::parse("1101051949", today()), Err(IdError::WrongLength(10)));
        assert_eq!(IdNumber::parse("11010519491231002X1", today()), Err(IdError::WrongLength(19)));
        assert_eq!(IdNumber::parse("1101051949123100XX", today()), Err(IdError::BadCharacter(17)));
        assert_eq!(IdNumber::parse("11010519491231002Y", today()), Err(IdError::BadCharacter(18)));
        // Full-width digits from a Chinese keyboard are the same digits.
        assert_eq!(
            IdNumber::parse("１１０１０５１９４９１２３１００２ｘ", today()).unwrap().as_str(),
            "11010519491231002X"
        );
        assert_eq!(IdNumber::parse("110105-1949 1231-002x", today()).unwrap().as_str(), "11010519491231002X");
        assert_eq!(IdNumber::parse("110105　19491231　002X", today()).unwrap().as_str(), "11010519491231002X");
        assert_eq!(IdNumber::parse("1101051949123１002Y", today()), Err(IdError::BadCharacter(18)));
    }

    #[test]
    fn dates_must_exist_and_not_be_in_the_future() {
        // 2023-02-29 does not exist; 2024-02-29 does.
        let bad = with_check_char("11010520230229001");
        assert_eq!(IdNumber::parse(&bad, today()), Err(IdError::NoSuchDate));
        let leap = with_check_char("11010520240229001");
        assert_eq!(IdNumber::parse(&leap, today()).unwrap().birth(), d(2024, 2, 29));
        let future = with_check_char("11010520260102001");
        assert_eq!(IdNumber::parse(&future, today()), Err(IdError::FutureDate));
        assert!(IdNumber::parse(&future, d(2026, 1, 2)).is_ok());
        assert_eq!(IdNumber::parse(&with_check_char("11010519491331002"), today()), Err(IdError::NoSuchDate));
    }

    #[test]
    fn messages_are_plain_chinese() {
        let e = IdNumber::parse("340524198001010013", today()).unwrap_err();
        assert!(e.message_zh().contains("身份证号校验位不对，请核对最后一位"));
        assert!(IdError::NoSuchDate.message_zh().contains("出生日期不存在"));
        assert!(IdError::WrongLength(12).message_zh().contains("应为18位"));
        assert!(e.message_en().contains("check character"));
    }

    #[test]
    fn legacy_15_digit_numbers_convert() {
        // 340524800101001 → 34052419800101001X (vector above).
        assert_eq!(convert_legacy("340524800101001").unwrap().as_str(), "34052419800101001X");
        assert_eq!(IdNumber::parse_or_convert("340524800101001", today()).unwrap().as_str(), "34052419800101001X");
        assert_eq!(IdNumber::parse("340524800101001", today()), Err(IdError::WrongLength(15)));
        assert!(IdError::WrongLength(15).message_zh().contains("15位"));
        assert_eq!(convert_legacy("340524801301001"), Err(IdError::NoSuchDate));
    }

    #[test]
    fn sex_and_mask() {
        let id = IdNumber::parse("11010519491231002X", today()).unwrap();
        assert_eq!(id.masked(), "110105********002X");
        assert_eq!(id.address_code(), "110105");
        assert_eq!(Sex::Female.zh(), "女");
    }

    #[test]
    fn serde_round_trip_validates() {
        let id = IdNumber::parse("11010519491231002X", today()).unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"11010519491231002X\"");
        assert_eq!(serde_json::from_str::<IdNumber>(&json).unwrap(), id);
        assert!(serde_json::from_str::<IdNumber>("\"340524198001010013\"").is_err());
    }

    #[test]
    fn voting_age_on_election_day() {
        let day = d(2026, 5, 18);
        assert!(eligible_on(d(2008, 5, 18), day));
        assert!(!eligible_on(d(2008, 5, 19), day));
        assert!(eligible_on(d(1950, 1, 1), day));
        assert_eq!(age_on(d(2008, 5, 18), day), 18);
        assert_eq!(age_on(d(2008, 5, 19), day), 17);
        assert_eq!(age_on(d(2026, 5, 19), day), 0);
    }

    #[test]
    fn leap_day_births_turn_18_on_28_february_in_common_years() {
        assert_eq!(anniversary(d(2008, 2, 29), 18), d(2026, 2, 28));
        assert!(eligible_on(d(2008, 2, 29), d(2026, 2, 28)));
        assert!(!eligible_on(d(2008, 2, 29), d(2026, 2, 27)));
        // A leap target year keeps 29 February.
        assert_eq!(anniversary(d(2004, 2, 29), 20), d(2024, 2, 29));
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), 18);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn every_generated_body_validates_and_one_wrong_digit_fails(
                addr in 110000u32..659999, days in 0i64..40_000, seq in 0u32..999, pos in 0usize..17, delta in 1u8..10
            ) {
                let birth = d(1910, 1, 1) + chrono::Days::new(days as u64);
                let body = format!("{addr:06}{}{seq:03}", birth.format("%Y%m%d"));
                let id = with_check_char(&body);
                let parsed = IdNumber::parse_undated(&id).unwrap();
                prop_assert_eq!(parsed.birth(), birth);
                // Changing any one digit of the body changes the check (weights are non-zero mod 11).
                let mut bytes = id.clone().into_bytes();
                bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
                let changed = String::from_utf8(bytes).unwrap();
                prop_assert!(IdNumber::parse_undated(&changed).is_err());
            }
        }
    }
}
