//! Chinese text written once: the date format every screen and paper uses, China's calendar day,
//! and the citation suffix "（来源 第N条）" after a refusal.

use chrono::NaiveDate;

/// A date as the papers write it: 2026年5月9日 (no leading zeros).
pub fn date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// A day of the year in short, for tables within one year: 5月9日.
pub fn month_day(d: NaiveDate) -> String {
    d.format("%-m月%-d日").to_string()
}

/// China's calendar day for a UTC instant in milliseconds since 1970. China keeps one zone with no
/// daylight saving time, so this is the UTC date of the instant plus eight hours.
pub fn china_day(unix_millis: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(unix_millis.saturating_add(8 * 3_600_000))
        .map_or_else(NaiveDate::default, |t| t.date_naive())
}

/// `text` followed by where the rule comes from: "差额不足（居民委员会组织法第十五条）".
pub fn with_source(text: &str, source: &str, article: &str) -> String {
    format!("{text}（{source}{article}）")
}

/// Names in a sentence: "胡龙峰、任红、丁颖佳", or the first `shown` and "等N人" when there are more.
pub fn names<'a>(names: impl IntoIterator<Item = &'a str>, shown: usize) -> String {
    let all: Vec<&str> = names.into_iter().collect();
    if all.len() <= shown {
        all.join("、")
    } else {
        format!("{}等{}人", all[..shown].join("、"), all.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_date_is_written_without_leading_zeros() {
        assert_eq!(date(d(2026, 5, 9)), "2026年5月9日");
        assert_eq!(date(d(2026, 12, 31)), "2026年12月31日");
        assert_eq!(month_day(d(2026, 5, 9)), "5月9日");
    }

    #[test]
    fn chinas_day_starts_at_16_utc_the_evening_before() {
        // 2026-05-09T15:59:59.999Z is 23:59:59.999 in Beijing; one millisecond later it is the 10th.
        let just_before = d(2026, 5, 9).and_hms_milli_opt(15, 59, 59, 999).unwrap().and_utc().timestamp_millis();
        assert_eq!(china_day(just_before), d(2026, 5, 9));
        assert_eq!(china_day(just_before + 1), d(2026, 5, 10));
        // No daylight saving time: the same offset in winter and in summer.
        let winter = d(2026, 1, 15).and_hms_opt(16, 0, 0).unwrap().and_utc().timestamp_millis();
        assert_eq!(china_day(winter), d(2026, 1, 16));
        assert_eq!(china_day(0), d(1970, 1, 1));
    }

    #[test]
    fn a_long_list_of_names_ends_with_how_many_in_all() {
        assert_eq!(names(["胡龙峰", "任红"], 10), "胡龙峰、任红");
        assert_eq!(names(["甲", "乙", "丙"], 2), "甲、乙等3人");
        assert_eq!(names([], 3), "");
    }

    #[test]
    fn a_refusal_names_its_source_in_full_width_brackets() {
        assert_eq!(with_source("差额不足", "居民委员会组织法", "第十五条"), "差额不足（居民委员会组织法第十五条）");
    }
}
