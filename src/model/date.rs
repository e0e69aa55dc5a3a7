//! A calendar date (no time, no zone): what assessments and due dates need.

use std::fmt;

/// A valid Gregorian calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// 1970-01-01.
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Builds a date, or `None` when it does not exist (2026-02-30, month 13).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`; the error says what is wrong in plain words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let well_formed = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        }
        let number = |s: &str| s.parse::<u16>().unwrap_or(0);
        let (year, month, day) = (number(parts[0]), number(parts[1]), number(parts[2]));
        if !(1..=12).contains(&month) {
            return Err(format!(
                "`{text}` has month {month}; months run from 01 to 12"
            ));
        }
        if year == 0 {
            return Err(format!(
                "`{text}` has the year 0000; years run from 0001 to 9999"
            ));
        }
        let month = month as u8;
        let last = days_in_month(year, month);
        Date::new(year, month, day.min(255) as u8)
            .ok_or_else(|| format!("`{text}` does not exist: {year:04}-{month:02} has {last} days"))
    }

    /// Reads the US forms `M/D/YYYY` (`3/15/2026`) and `M/D/YY` (`06/30/26`, what Calc in a US
    /// locale saves a typed date as). A two-digit year is this century's: the dates answers
    /// hold (assessments, due dates) are never a century away, and every caller says which
    /// date it read. `None` when the text is not in these forms; an error when it is but the
    /// date does not exist.
    pub fn parse_us(text: &str) -> Option<Result<Self, String>> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('/').collect();
        let digits = |p: &str, lengths: &[usize]| {
            lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        let us_form = parts.len() == 3
            && digits(parts[0], &[1, 2])
            && digits(parts[1], &[1, 2])
            && digits(parts[2], &[2, 4]);
        if !us_form {
            return None;
        }
        let number = |s: &str| s.parse::<u16>().unwrap_or(0);
        let (month, day, mut year) = (number(parts[0]), number(parts[1]), number(parts[2]));
        if parts[2].len() == 2 {
            year += 2000;
        }
        if !(1..=12).contains(&month) {
            return Some(Err(format!(
                "`{text}` read as month/day/year has month {month}; months run from 1 to 12"
            )));
        }
        if year == 0 {
            return Some(Err(format!(
                "`{text}` read as month/day/year has the year 0000; years run from 0001 to 9999"
            )));
        }
        let month = month as u8;
        let last = days_in_month(year, month);
        Some(Date::new(year, month, day.min(255) as u8).ok_or_else(|| {
            format!(
                "`{text}` read as month/day/year does not exist: {year:04}-{month:02} has {last} days"
            )
        }))
    }

    /// The date `days` days after 1970-01-01 (for "today" from the system clock).
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// Days since 1970-01-01 (negative before); used for PDF metadata timestamps.
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Written by hand to match the `Serialize` above: the day as `YYYY-MM-DD`.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_dates() {
        assert_eq!(Date::parse("2026-03-15").unwrap().to_string(), "2026-03-15");
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn rejects_impossible_dates_in_plain_words() {
        assert!(
            Date::parse("2026-13-45")
                .unwrap_err()
                .contains("months run from 01 to 12")
        );
        assert!(
            Date::parse("2025-02-29")
                .unwrap_err()
                .contains("has 28 days")
        );
        assert!(
            Date::parse("15/03/2026")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert!(Date::parse("2026-3-5").is_err());
    }

    #[test]
    fn reads_us_dates_with_four_and_two_digit_years() {
        let read = |t: &str| Date::parse_us(t).map(|r| r.map(|d| d.to_string()));
        assert_eq!(read("3/15/2026"), Some(Ok("2026-03-15".into())));
        assert_eq!(read("03/05/2026"), Some(Ok("2026-03-05".into())));
        assert!(
            read("2/30/2026")
                .unwrap()
                .unwrap_err()
                .contains("has 28 days")
        );
        assert!(
            read("15/3/2026")
                .unwrap()
                .unwrap_err()
                .contains("months run")
        );
        assert_eq!(read("3/15/26"), Some(Ok("2026-03-15".into())));
        assert_eq!(read("06/30/00"), Some(Ok("2000-06-30".into())));
        assert!(
            read("2/29/27")
                .unwrap()
                .unwrap_err()
                .contains("has 28 days")
        );
        assert_eq!(read("3/15/126"), None);
        assert_eq!(read("2026-03-15"), None);
        assert_eq!(read("3/15/2026/1"), None);
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-1000, 0, 1, 19_000, 20_525, 40_000] {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(
            Date::from_days_since_epoch(0).unwrap().to_string(),
            "1970-01-01"
        );
    }
}
