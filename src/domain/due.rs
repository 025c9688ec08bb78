//! A due date as a clerk types it: `2018-03-01`, or the Dutch way, `31-12-2017`, `31-12`,
//! `31 dec`, `31 december 2017`. A date without a year is the first such day from the meeting on.

use chrono::{Datelike, NaiveDate};

/// Month names and their usual short forms, Dutch and English.
const MONTHS: [&[&str]; 12] = [
    &["jan", "januari", "january"],
    &["feb", "februari", "february"],
    &["mrt", "maart", "mar", "march"],
    &["apr", "april"],
    &["mei", "may"],
    &["jun", "juni", "june"],
    &["jul", "juli", "july"],
    &["aug", "augustus", "august"],
    &["sep", "sept", "september"],
    &["okt", "oktober", "oct", "october"],
    &["nov", "november"],
    &["dec", "december"],
];

/// The date meant by `text`, counted from `meeting` (the meeting's date) when the year is left
/// out; `None` when it is no date.
pub fn parse_due(text: &str, meeting: NaiveDate) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('.').to_lowercase();
    // chrono reads "1-3-18" as the year 1: the ISO form only with a year of four digits.
    let iso_year = text.split('-').next().is_some_and(|y| y.len() == 4);
    if iso_year && let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Some(date);
    }
    let parts: Vec<&str> = text
        .split(['-', '/', ' ', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let number = |part: &str| part.parse::<u32>().ok();
    let (day, month, year) = match parts.as_slice() {
        [day, month] => (number(day)?, month_of(month)?, None),
        [day, month, year] => (number(day)?, month_of(month)?, Some(year_of(year)?)),
        _ => return None,
    };
    match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day),
        None => {
            let this_year = NaiveDate::from_ymd_opt(meeting.year(), month, day);
            match this_year {
                Some(date) if date >= meeting => Some(date),
                _ => NaiveDate::from_ymd_opt(meeting.year() + 1, month, day),
            }
        }
    }
}

fn month_of(part: &str) -> Option<u32> {
    if let Ok(month) = part.parse::<u32>() {
        return (1..=12).contains(&month).then_some(month);
    }
    let index = MONTHS.iter().position(|names| names.contains(&part))?;
    Some(index as u32 + 1)
}

fn year_of(part: &str) -> Option<i32> {
    let year: i32 = part.parse().ok()?;
    match part.len() {
        4 => Some(year),
        2 => Some(2000 + year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_due_date_typed_the_dutch_way_is_a_date() {
        let meeting = date(2017, 11, 20);
        for (typed, meant) in [
            ("2018-03-01", date(2018, 3, 1)),
            ("31-12-2017", date(2017, 12, 31)),
            ("31-12", date(2017, 12, 31)),
            ("31 dec", date(2017, 12, 31)),
            ("31 december 2017", date(2017, 12, 31)),
            ("1 mrt", date(2018, 3, 1)),
            ("1-3-18", date(2018, 3, 1)),
            ("15 okt.", date(2018, 10, 15)),
            ("20-11", date(2017, 11, 20)),
        ] {
            assert_eq!(parse_due(typed, meeting), Some(meant), "{typed}");
        }
    }

    #[test]
    fn what_is_no_date_is_refused() {
        let meeting = date(2017, 11, 20);
        for typed in [
            "31-02-2018",
            "32 dec",
            "morgen",
            "12",
            "1-13",
            "2018-13-01",
            "",
        ] {
            assert_eq!(parse_due(typed, meeting), None, "{typed}");
        }
    }
}
