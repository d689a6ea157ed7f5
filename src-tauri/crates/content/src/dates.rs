//! Front-matter dates the way the generators read them: RFC 3339, date-only values and the
//! `2024-03-05 21:10:00 +0800` Jekyll/Hexo style; values without an offset are in the site's
//! time zone.

use std::sync::LazyLock;

use jiff::Zoned;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use regex::Regex;

static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:(Z|z|UTC|GMT)|([+-])(\d{2}):?(\d{2})?)?$",
    )
    .ok()
});

/// The time zone named in a site's configuration; `None` for an unknown name.
pub fn time_zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name.trim()).ok()
}

/// Parses a front-matter date; a value without an offset is in `tz`.
pub fn parse(raw: &str, tz: &TimeZone) -> Option<Zoned> {
    let caps = DATE.as_ref()?.captures(raw.trim())?;
    let num = |i: usize| {
        caps.get(i)
            .map_or(Some(0), |m| m.as_str().parse::<i32>().ok())
    };
    let nanos = caps.get(7).map_or(0, |m| {
        let digits = format!("{:0<9}", m.as_str());
        digits[..9].parse::<i32>().unwrap_or(0)
    });
    let dt = DateTime::new(
        i16::try_from(num(1)?).ok()?,
        i8::try_from(num(2)?).ok()?,
        i8::try_from(num(3)?).ok()?,
        i8::try_from(num(4)?).ok()?,
        i8::try_from(num(5)?).ok()?,
        i8::try_from(num(6)?).ok()?,
        nanos,
    )
    .ok()?;
    let zone = if caps.get(8).is_some() {
        TimeZone::UTC
    } else if let Some(sign) = caps.get(9) {
        let hours = num(10)?;
        let minutes = num(11)?;
        let seconds = (hours * 3600 + minutes * 60) * if sign.as_str() == "-" { -1 } else { 1 };
        TimeZone::fixed(Offset::from_seconds(seconds).ok()?)
    } else {
        tz.clone()
    };
    dt.to_zoned(zone).ok()
}

/// RFC 3339 with a numeric offset, as Hugo's `Format "2006-01-02T15:04:05-07:00"` and
/// Jekyll's `date_to_xmlschema` print it.
pub fn rfc3339(z: &Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(raw: &str, tz: &str) -> Option<String> {
        parse(raw, &time_zone(tz).unwrap()).map(|z| rfc3339(&z))
    }

    #[test]
    fn offsets_and_zones() {
        assert_eq!(
            fmt("2024-03-02", "Asia/Shanghai").as_deref(),
            Some("2024-03-02T00:00:00+08:00")
        );
        assert_eq!(
            fmt("2024-05-06T09:30:00", "Asia/Shanghai").as_deref(),
            Some("2024-05-06T09:30:00+08:00")
        );
        assert_eq!(
            fmt("2024-04-01T10:00:00+09:00", "UTC").as_deref(),
            Some("2024-04-01T10:00:00+09:00")
        );
        assert_eq!(
            fmt("2024-03-05 21:10:00 +0800", "UTC").as_deref(),
            Some("2024-03-05T21:10:00+08:00")
        );
        assert_eq!(
            fmt("2024-02-03T04:05:06Z", "Asia/Shanghai").as_deref(),
            Some("2024-02-03T04:05:06+00:00")
        );
        assert_eq!(
            fmt("2024-07-01 08:00", "America/New_York").as_deref(),
            Some("2024-07-01T08:00:00-04:00")
        );
        assert_eq!(
            fmt("2024-01-01T10:00:00.123456+01:00", "UTC").as_deref(),
            Some("2024-01-01T10:00:00+01:00")
        );
    }

    #[test]
    fn nonsense_is_none() {
        assert_eq!(fmt("yesterday", "UTC"), None);
        assert_eq!(fmt("2024-13-45", "UTC"), None);
        assert_eq!(fmt("", "UTC"), None);
    }
}

/// Jekyll's dated post name (`Document::DATE_FILENAME_MATCHER`): a file stem
/// `DATE-SLUG` with DATE `\d{2,4}-\d{1,2}-\d{1,2}`, so `2024-3-5-bpf-maps` is a post of
/// 5 March 2024. The date as Ruby's `Time.parse` reads it: a two-digit year is 1969–2068, a
/// day past the month's end rolls over (`2024-02-30` is 1 March), a month over 12 or a day
/// over 31 is no date (Jekyll stops the build on it). `None` when the stem is not dated.
pub fn jekyll_post_name(stem: &str) -> Option<(Option<jiff::civil::Date>, &str)> {
    static DATED: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"^([0-9]{2,4})-([0-9]{1,2})-([0-9]{1,2})-").ok());
    let caps = DATED.as_ref()?.captures(stem)?;
    let slug = &stem[caps.get(0)?.end()..];
    let num = |i: usize| caps.get(i)?.as_str().parse::<i16>().ok();
    let date = (|| {
        let (y, m, d) = (num(1)?, num(2)?, num(3)?);
        let year = match caps.get(1)?.as_str().len() {
            2 if y >= 69 => 1900 + y,
            2 => 2000 + y,
            _ => y,
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        jiff::civil::date(year, m as i8, 1)
            .checked_add(jiff::Span::new().days(i64::from(d - 1)))
            .ok()
    })();
    Some((date, slug))
}

#[cfg(test)]
mod jekyll_names {
    use super::jekyll_post_name;
    use jiff::civil::date;

    #[test]
    fn dated_names_as_jekyll_reads_them() {
        let d = |s| jekyll_post_name(s).map(|(d, slug)| (d, slug.to_string()));
        assert_eq!(
            d("2024-03-09-ring-buffer"),
            Some((Some(date(2024, 3, 9)), "ring-buffer".into()))
        );
        assert_eq!(
            d("2024-3-5-bpf-maps"),
            Some((Some(date(2024, 3, 5)), "bpf-maps".into()))
        );
        assert_eq!(d("24-3-5-x"), Some((Some(date(2024, 3, 5)), "x".into())));
        assert_eq!(
            d("99-12-31-x"),
            Some((Some(date(1999, 12, 31)), "x".into()))
        );
        assert_eq!(
            d("2024-02-30-x"),
            Some((Some(date(2024, 3, 1)), "x".into()))
        );
        assert_eq!(d("2024-13-01-x"), Some((None, "x".into())));
        assert_eq!(
            d("2024-01-01-"),
            Some((Some(date(2024, 1, 1)), String::new()))
        );
        for not in [
            "2024-03-09",
            "20240-3-5-x",
            "2024-003-5-x",
            "x-2024-03-09-y",
            "2024_03_09-x",
            "１２-3-5-x",
        ] {
            assert_eq!(d(not), None, "{not}");
        }
    }
}
