//! The `Retry-After` response header (RFC 9110, section 10.2.3): how long the server asks
//! the client to wait before it tries again.

use std::time::{Duration, SystemTime};

use super::HeaderMap;

/// The wait `Retry-After` asks for, seen at `now`: a number of seconds, or the time until
/// an HTTP date (zero when the date has passed). `None` without the header, or when its
/// value is neither (it is then ignored, as the RFC lets a client do).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than a u64 holds is still "a very long time".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: &str, now: SystemTime) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", value.parse().unwrap());
        retry_after(&headers, now)
    }

    #[test]
    fn seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // 06 Nov 1994 08:49:37
        assert_eq!(parse("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        // The three date forms a recipient must accept, 23 s after `now`.
        for date in [
            "Sun, 06 Nov 1994 08:50:00 GMT",
            "Sunday, 06-Nov-94 08:50:00 GMT",
            "Sun Nov  6 08:50:00 1994",
        ] {
            assert_eq!(parse(date, now), Some(Duration::from_secs(23)), "{date}");
        }
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO),
            "a date in the past: retry at once"
        );
        for bad in ["-1", "1.5", "soon", "", "Sun, 06 Nov 1994"] {
            assert_eq!(parse(bad, now), None, "{bad:?}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }
}
