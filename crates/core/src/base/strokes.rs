//! 姓氏笔画排序: candidate lists in order of the surname's stroke count.
//!
//! Stroke counts are Unihan's kTotalStrokes (Unicode 15.0, the first value: the mainland form),
//! one byte per character of the CJK Unified Ideographs block U+4E00..U+9FFF, which holds all of
//! GB 2312 and nearly every given-name character. `tools/gen-strokes.py` writes `strokes.bin`
//! from Debian's `unicode-data` package.
//!
//! Order: stroke count of the first character, then of each following character; where counts
//! are equal the code point decides, so the order is the same on every device. What this does
//! not do (stated so nobody relies on it): equal counts are not ordered by the first stroke's
//! shape (横竖撇点折, GB/T 12104), and compound surnames (欧阳, 司马) are not treated specially —
//! their second character simply compares as the next character of the name.

use std::cmp::Ordering;

const FIRST: u32 = 0x4E00;
static TABLE: &[u8; 20992] = include_bytes!("strokes.bin");

/// Total strokes of a Chinese character, when known.
pub fn strokes(c: char) -> Option<u8> {
    let i = (c as u32).checked_sub(FIRST)? as usize;
    TABLE.get(i).copied().filter(|&n| n > 0)
}

/// Sort key of one character: known counts first by count, unknown characters (Latin letters,
/// rare characters outside the table) after them, each group by code point.
fn key(c: char) -> (u8, u8, u32) {
    match strokes(c) {
        Some(n) => (0, n, c as u32),
        None => (1, 0, c as u32),
    }
}

/// Compares two names in surname stroke order (姓氏笔画).
pub fn compare(a: &str, b: &str) -> Ordering {
    let ka = a.trim().chars().map(key);
    let kb = b.trim().chars().map(key);
    ka.cmp(kb)
}

/// Sorts items by their names in surname stroke order (stable for equal names).
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(name(a), name(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_come_from_unihan() {
        assert_eq!(strokes('一'), Some(1));
        assert_eq!(strokes('王'), Some(4));
        assert_eq!(strokes('刘'), Some(6));
        assert_eq!(strokes('李'), Some(7));
        assert_eq!(strokes('张'), Some(7));
        assert_eq!(strokes('陈'), Some(7));
        assert_eq!(strokes('欧'), Some(8));
        assert_eq!(strokes('黄'), Some(11));
        assert_eq!(strokes('A'), None);
    }

    #[test]
    fn surnames_order_by_strokes_then_the_following_characters() {
        let mut names = vec!["黄小明", "李四", "王芳", "刘洋", "马丽"];
        sort_by_name(&mut names, |n| n);
        // 马3 王4 刘6 李7 黄11
        assert_eq!(names, ["马丽", "王芳", "刘洋", "李四", "黄小明"]);
    }

    #[test]
    fn equal_surname_strokes_fall_to_the_given_name_then_the_code_point() {
        // 李 and 张 both have 7 strokes: the given names decide (一1 < 丽7).
        assert_eq!(compare("张一", "李丽"), Ordering::Less);
        // Same surname: the given name decides (三3 < 四5).
        assert_eq!(compare("王三", "王四"), Ordering::Less);
        // Identical counts throughout: code point order, the same on every device.
        assert_eq!(compare("李", "张"), ('李' as u32).cmp(&('张' as u32)));
        // A shorter name that is a prefix comes first.
        assert_eq!(compare("王", "王芳"), Ordering::Less);
    }

    #[test]
    fn compound_surnames_compare_character_by_character_and_unknowns_go_last() {
        // 欧阳 (8) after 李 (7): only the first character's count matters first.
        assert_eq!(compare("欧阳娜", "李娜"), Ordering::Greater);
        assert_eq!(compare("Smith", "王芳"), Ordering::Greater);
        assert_eq!(compare(" 王芳 ", "王芳"), Ordering::Equal);
    }
}
