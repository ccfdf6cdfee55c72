//! Where a list is read: after a keyword (in brackets or not, or a range instead), or without
//! one, at the first place a list starts.

use super::list::{Ending, List, Reader};
use super::scan::{is_han, Text};

pub(super) enum Found {
    List(List),
    /// `[1-65535]`, `0-7200`: a range, not values.
    Range,
}

/// The best reading of a list starting at `p`.
pub(super) fn read_after(t: &Text, p: usize, limit: usize, numeric: bool) -> Option<Found> {
    let r = Reader {
        t,
        limit,
        numeric,
        implicit: false,
    };
    if range_at(t, p) {
        return Some(Found::Range);
    }
    if matches!(t.at(p), '[' | '{') {
        return read_bracket(&r, p).map(|l| l.map_or(Found::Range, Found::List));
    }
    best([r.bare(p, false), r.value_first(p), r.desc_first(p)]).map(Found::List)
}

/// The reading that goes furthest; a clean one over a broken one; more items over fewer.
pub(super) fn best<const N: usize>(candidates: [Option<List>; N]) -> Option<List> {
    candidates.into_iter().flatten().max_by_key(|l| {
        (
            l.end,
            l.ending == Ending::Clean,
            l.items.len(),
            // On a tie, the earlier reader in the list (bare, then value-first) wins.
            std::cmp::Reverse(l.shape as u8),
        )
    })
}

/// A list in `[...]`/`{...}` at `p`, or `Err(())` for a range (`[1-65535]`, `范围[1,7]`).
pub(super) fn read_bracket(r: &Reader, p: usize) -> Option<Result<List, ()>> {
    let t = r.t;
    let close = r.close_of(p);
    let inner_limit = close.unwrap_or_else(|| sentence_end(t, p).min(r.limit));
    let inner = Reader {
        limit: inner_limit,
        ..*r
    };
    let start = t.skip_blank(p + 1);
    let before: String = t.chars[p.saturating_sub(8)..p].iter().collect();
    if t.at(p) == '[' && before.contains("范围") && two_numbers(&inner, start) {
        return Some(Err(()));
    }
    let mut list = best([inner.bare(start, true), inner.value_first(start)])?;
    let mut k = list.end;
    while matches!(t.at(k), ' ' | ',' | ';' | '\n') && k < inner_limit {
        k += 1;
    }
    list.bracket = true;
    list.ending = if k >= inner_limit && list.ending != Ending::Open {
        Ending::Clean
    } else if list.ending == Ending::Open {
        Ending::Open
    } else {
        Ending::Broken
    };
    list.end = close.map_or(inner_limit, |c| c + 1);
    Some(Ok(list))
}

/// `1,7]`: two numbers, the bounds of a range.
pub(super) fn two_numbers(r: &Reader, start: usize) -> bool {
    let s: String = r.t.chars[start..r.limit.max(start)].iter().collect();
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    parts.len() == 2 && parts.iter().all(|p| p.parse::<f64>().is_ok())
}

/// `1-65535`, `0~9`, `8000 – 20000000` at `p`.
pub(super) fn range_at(t: &Text, p: usize) -> bool {
    let mut j = p;
    if t.at(j) == '[' {
        j += 1;
    }
    let digits = |mut j: usize| {
        let s = j;
        while t.at(j).is_ascii_digit() {
            j += 1;
        }
        (j > s).then_some(j)
    };
    let Some(j) = digits(t.skip_spaces(j)) else {
        return false;
    };
    let j = t.skip_spaces(j);
    matches!(t.at(j), '-' | '~' | '–' | '—') && digits(t.skip_spaces(j + 1)).is_some()
}

/// The end of the sentence at or after `i`.
pub(super) fn sentence_end(t: &Text, i: usize) -> usize {
    (i..t.len())
        .find(|&j| matches!(t.at(j), '。' | '\n' | ';'))
        .unwrap_or(t.len())
}

/// A list without a keyword, at the first place from `from` where one starts.
pub(super) fn implicit(t: &Text, from: usize, numeric: bool) -> Option<List> {
    let r = Reader {
        t,
        limit: t.len(),
        numeric,
        implicit: true,
    };
    let starts = (from..t.len()).filter(|&i| {
        i == from
            || matches!(
                t.at(i - 1),
                '\n' | '。' | ';' | ':' | '(' | '[' | ',' | ' ' | '、'
            )
            || is_han(t.at(i - 1))
    });
    // The clause and sentence each start is in, kept up to date as the starts advance (a
    // scan back from every start made long cells quadratic); and at most `LOOK_BACK` chars of
    // them are read, so one endless sentence stays linear too.
    const LOOK_BACK: usize = 200;
    let (mut clause, mut sentence, mut seen) = (0, 0, 0);
    for i in starts {
        while seen < i {
            match t.at(seen) {
                '。' => (clause, sentence) = (seen + 1, seen + 1),
                '\n' | ';' => clause = seen + 1,
                _ => {}
            }
            seen += 1;
        }
        if t.at(i) == ' ' || t.at(i) == '\n' {
            continue;
        }
        // Inside Chinese text only a value can start a list (`状态0：初始化；1：…`).
        let inside_text = i > from && is_han(t.at(i - 1));
        let found = if inside_text {
            r.value_first(i)
        } else {
            best([r.value_first(i), r.desc_first(i)])
        };
        let Some(list) = found.filter(|l| l.items.len() > 1 && l.ending != Ending::Broken) else {
            continue;
        };
        // What comes before a list found here can make it no list of values. (Checked only
        // for a list found: reading text before every start was most of the time spent.)
        let window = i.saturating_sub(LOOK_BACK);
        // `例如"01"代表…，"10"代表…`: examples, not the list of values.
        let clause_text: String = t.chars[clause.max(window)..i].iter().collect();
        if ["例如", "比如", "示例", "举例", "如:"]
            .iter()
            .any(|w| clause_text.contains(w))
        {
            continue;
        }
        // `* 制作中: 制作中; * 可用的: CREATING; …`: the list starts with an item it cannot
        // read, so it is not read from its second item either.
        let before: String = t.chars[sentence.max(window)..i].iter().collect();
        let piece = before
            .trim_end_matches([' ', '\n', ';', ','])
            .rsplit(['\n', ';'])
            .next()
            .unwrap_or("");
        let last = piece.rsplit(',').next().unwrap_or("").trim();
        let prose = ["默认", "如"].iter().any(|w| last.starts_with(w));
        if !prose
            && piece
                .split_once(':')
                .is_some_and(|(_, rest)| !rest.trim().is_empty())
        {
            continue;
        }
        return Some(list);
    }
    None
}

/// The start of the sentence `i` is in.
pub(super) fn clause_start(t: &Text, i: usize) -> usize {
    (0..i)
        .rev()
        .find(|&j| matches!(t.at(j), '。' | '\n' | ';'))
        .map_or(0, |j| j + 1)
}
