//! Expiry times as the metadata service and STS write them: Unix seconds (a number or a
//! string of digits) or an ISO 8601 / RFC 3339 UTC time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

/// Parses an `Expiration` value: an integer number of seconds since the Unix epoch
/// (metadata service v1), or a date and time such as `2025-10-20T06:51:25Z`,
/// `2025-10-20T06:51:25.5+08:00` or `2025-10-20 06:51:25` (metadata service v2, STS; a time
/// without an offset is UTC, as the STS page says). `None` for anything else.
pub(crate) fn parse(value: &Value) -> Option<SystemTime> {
    match value {
        Value::Number(n) => from_unix(n.as_i64()?),
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                from_unix(s.parse().ok()?)
            } else {
                parse_datetime(s)
            }
        }
        _ => None,
    }
}

fn from_unix(secs: i64) -> Option<SystemTime> {
    let secs = u64::try_from(secs).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// `YYYY-MM-DD(T| )HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]`.
fn parse_datetime(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let kept = &fraction[..digits.min(9)];
        nanos = kept.parse::<u32>().ok()? * 10u32.pow(9 - kept.len() as u32);
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = rest[1..].replace(':', "");
            if zone.len() != 4 || !zone.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let (h, m): (i64, i64) = (zone[..2].parse().ok()?, zone[2..].parse().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    from_unix(secs)?.checked_add(Duration::from_nanos(u64::from(nanos)))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (Howard
/// Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secs(value: Value) -> Option<u64> {
        parse(&value).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs())
    }

    #[test]
    fn unix_seconds() {
        assert_eq!(secs(json!(1571218055)), Some(1571218055));
        assert_eq!(secs(json!("1571218055")), Some(1571218055));
        assert_eq!(secs(json!(-1)), None);
        assert_eq!(secs(json!(1.5)), None);
        assert_eq!(secs(json!(null)), None);
    }

    #[test]
    fn date_times() {
        // 2025-10-20T06:51:25Z, as computed by `date -u -d … +%s`.
        let expected = Some(1_760_943_085);
        for text in [
            "2025-10-20T06:51:25Z",
            "2025-10-20T06:51:25",
            "2025-10-20 06:51:25",
            "2025-10-20t06:51:25z",
            "2025-10-20T14:51:25+08:00",
            "2025-10-20T14:51:25+0800",
            "2025-10-19T23:51:25-07:00",
        ] {
            assert_eq!(secs(json!(text)), expected, "{text}");
        }
        let t = parse(&json!("2025-10-20T06:51:25.25Z")).unwrap();
        assert_eq!(
            t.duration_since(UNIX_EPOCH).unwrap(),
            Duration::new(1_760_943_085, 250_000_000)
        );
        assert_eq!(secs(json!("1970-01-01T00:00:00Z")), Some(0));
        assert_eq!(secs(json!("2024-02-29T00:00:00Z")), Some(1_709_164_800));
        assert_eq!(secs(json!("2000-03-01T00:00:00Z")), Some(951_868_800));
    }

    #[test]
    fn malformed_date_times() {
        for text in [
            "",
            "2025/10/20 06:51:25",
            "2025-13-20T06:51:25Z",
            "2025-02-29T06:51:25Z",
            "2025-10-20T24:00:00Z",
            "2025-10-20T06:51:25.Z",
            "2025-10-20T06:51:25+8",
            "2025-10-20T06:51:25 UTC",
            "2025-1a-20T06:51:25Z",
            "tomorrow",
        ] {
            assert_eq!(secs(json!(text)), None, "{text}");
        }
    }
}
