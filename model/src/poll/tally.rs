//! Counts and percentages.

use crate::document::Counts;
use crate::json::{Document, Value};
use crate::PollOption;

/// More counts than this in a tally is not a poll service's answer (a poll
/// has at most ten options); the cap keeps reading one linear.
pub(crate) const MAX_COUNTS: usize = 100;

/// A poll's counts: from the poll service (poll-api.md), or the document's
/// `results` snapshot when no service is live.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub counts: Counts,
    /// Voters (ballots). On a multiple-choice poll the counts may add up to more.
    pub total: u64,
    pub closed: bool,
    /// The reader's vote as the service recorded it. `None` when it has none,
    /// was not asked, or the tally is a snapshot: then it does not include the
    /// reader's vote.
    pub your_vote: Option<Vec<String>>,
    /// The service voided the reader's vote (`"voided": true`): it does not
    /// count, and the service takes no other vote from this reader.
    pub voided: bool,
}

impl Tally {
    /// Reads a tally body (`200`, `409` and `410` answers alike).
    pub fn from_json(body: &str) -> Result<Tally, String> {
        let document = Document::parse(body).map_err(|e| e.to_string())?;
        let value = document.root();
        let members: Vec<_> = value
            .get("counts")
            .and_then(Value::members)
            .ok_or("no \"counts\" object")?
            .collect();
        if members.len() > MAX_COUNTS {
            return Err("too many counts".into());
        }
        // From the last, so that an option given twice counts its last value.
        let mut counts = Counts::new();
        for &(id, n) in members.iter().rev() {
            if !counts.iter().any(|(known, _)| known == id) {
                counts.push((id.to_owned(), n.as_u64().ok_or("a count is not a number")?));
            }
        }
        let total = match value.get("total") {
            Some(n) => n.as_u64().ok_or("\"total\" is not a number")?,
            None => counts.iter().map(|(_, n)| n).sum(),
        };
        let voided = value.get("voided").and_then(Value::as_bool) == Some(true);
        let your_vote = match value.get("your_vote").and_then(Value::items) {
            // A voided vote is not the reader's vote in these counts.
            _ if voided => None,
            Some(ids) => Some(
                ids.map(|id| {
                    id.as_str()
                        .map(str::to_owned)
                        .ok_or("a vote is not a string")
                })
                .collect::<Result<Vec<_>, _>>()
                .and_then(|ids| match ids.len() {
                    0..=MAX_COUNTS => Ok(ids),
                    _ => Err("too many options in a vote"),
                })?,
            ),
            None => None,
        };
        Ok(Tally {
            counts,
            total,
            closed: value.get("closed").and_then(Value::as_bool) == Some(true),
            your_vote,
            voided,
        })
    }

    /// The document's snapshot (no voters count is given: it is taken as the sum).
    pub fn from_snapshot(results: Option<&Counts>) -> Tally {
        let counts = results.cloned().unwrap_or_default();
        Tally {
            total: counts.iter().map(|(_, n)| n).sum(),
            counts,
            ..Tally::default()
        }
    }

    /// This tally with the reader's `vote` counted in, unless it already is.
    pub fn with_vote(&self, vote: &[String]) -> Tally {
        if self.your_vote.is_some() || vote.is_empty() {
            return self.clone();
        }
        let mut tally = self.clone();
        for id in vote {
            match tally.counts.iter_mut().find(|(known, _)| known == id) {
                Some((_, n)) => *n += 1,
                None => tally.counts.push((id.clone(), 1)),
            }
        }
        tally.total += 1;
        tally.your_vote = Some(vote.to_vec());
        tally
    }

    /// The count of the option `id` (0 when the tally has none).
    pub fn count(&self, id: &str) -> u64 {
        self.counts
            .iter()
            .find(|(known, _)| known == id)
            .map_or(0, |&(_, n)| n)
    }

    /// What to show: one row per option, in the document's order.
    pub fn results(&self, options: &[PollOption], multiple: bool, mine: &[String]) -> Results {
        let counts: Vec<u64> = options.iter().map(|o| self.count(&o.id)).collect();
        let shares = if multiple {
            // Each option's share of the voters: these need not add up to 100.
            counts
                .iter()
                .map(|&c| rounded_share(c, self.total.max(c)))
                .collect()
        } else {
            percentages(&counts)
        };
        let rows = options
            .iter()
            .zip(counts.iter().zip(shares))
            .map(|(option, (&count, percent))| ResultRow {
                option_id: option.id.clone(),
                label: option.label.clone(),
                count,
                percent,
                mine: mine.contains(&option.id),
            })
            .collect();
        Results {
            rows,
            total: self.total,
        }
    }
}

/// One option's line in the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub option_id: String,
    pub label: String,
    pub count: u64,
    /// Whole percent, 0–100.
    pub percent: u32,
    /// The reader chose this option.
    pub mine: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub rows: Vec<ResultRow>,
    /// Voters.
    pub total: u64,
}

/// The percentages treat larger counts as this one, so that their arithmetic
/// fits in a `u64` (`u128` division would cost the wasm 0.7 KB gzip): a hundred
/// counts this large, times 100, are still below `u64::MAX`. No poll has
/// eighteen quadrillion votes.
const MAX_SHOWN_COUNT: u64 = u64::MAX / 1_000;

/// Whole percentages of `counts` that add up to exactly 100 (largest
/// remainder method), or all 0 when there are no votes. Among equal
/// remainders the larger count, then the earlier option, gets the extra point.
pub fn percentages(counts: &[u64]) -> Vec<u32> {
    let counts: Vec<u64> = counts.iter().map(|&c| c.min(MAX_SHOWN_COUNT)).collect();
    let sum: u64 = counts.iter().sum();
    if sum == 0 {
        return vec![0; counts.len()];
    }
    let scaled: Vec<u64> = counts.iter().map(|&c| c * 100).collect();
    let mut shares: Vec<u32> = scaled.iter().map(|s| (s / sum) as u32).collect();
    let missing = 100 - shares.iter().sum::<u32>() as usize;
    // The extra points go one at a time to the first option in that order
    // not yet given one: at most ten options, so no sort (each sort is
    // instantiated anew in the bundle: 1.5 KB gzip here).
    let before = |a: usize, b: usize| {
        (scaled[a] % sum, counts[a], std::cmp::Reverse(a))
            > (scaled[b] % sum, counts[b], std::cmp::Reverse(b))
    };
    let mut given = vec![false; counts.len()];
    for _ in 0..missing {
        let next =
            (0..counts.len())
                .filter(|&i| !given[i])
                .reduce(|best, i| if before(i, best) { i } else { best });
        if let Some(i) = next {
            given[i] = true;
            shares[i] += 1;
        }
    }
    shares
}

/// `part` of `whole` as a whole percent, halves rounded up.
fn rounded_share(part: u64, whole: u64) -> u32 {
    let (part, whole) = (part.min(MAX_SHOWN_COUNT), whole.min(MAX_SHOWN_COUNT));
    if whole == 0 {
        return 0;
    }
    ((part * 200 + whole) / (2 * whole)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_add_up_to_100() {
        let cases: &[(&[u64], &[u32])] = &[
            (&[1, 1, 1], &[34, 33, 33]),
            (&[2, 1], &[67, 33]),
            (&[12, 7], &[63, 37]),
            (&[1, 2, 3, 4, 5, 6, 7], &[4, 7, 11, 14, 18, 21, 25]),
            (&[0, 5, 0], &[0, 100, 0]),
            (
                &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                &[100, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            ),
            (&[999, 1], &[100, 0]),
            (&[994, 6], &[99, 1]),
            (&[995, 5], &[100, 0]),
            (&[u64::MAX, u64::MAX], &[50, 50]),
        ];
        for (counts, expected) in cases {
            assert_eq!(&percentages(counts), expected, "{counts:?}");
            assert_eq!(percentages(counts).iter().sum::<u32>(), 100);
        }
    }

    #[test]
    fn ties_go_to_the_larger_count_then_the_earlier_option() {
        // 1/6 and 2/6 have remainders 2/3 and 1/3 of a point; 3/6 is exact.
        assert_eq!(percentages(&[1, 2, 3]), [17, 33, 50]);
        // Equal remainders (each 2/3 of a point): the larger count first.
        assert_eq!(percentages(&[1, 4, 1]), [17, 67, 16]);
        // Equal counts: earlier options first.
        assert_eq!(percentages(&[1, 1, 1, 1, 1, 1]), [17, 17, 17, 17, 16, 16]);
    }

    #[test]
    fn zero_votes_are_zero_percent_everywhere() {
        assert_eq!(percentages(&[0, 0, 0]), [0, 0, 0]);
        assert_eq!(percentages(&[]), Vec::<u32>::new());
    }

    fn options(ids: &[&str]) -> Vec<PollOption> {
        ids.iter()
            .map(|id| PollOption {
                id: (*id).into(),
                label: id.to_uppercase(),
            })
            .collect()
    }

    #[test]
    fn reads_service_tallies() {
        let tally = Tally::from_json(
            r#"{"poll_id":"p","counts":{"yes":12,"no":7},"total":19,"closed":false,"your_vote":["yes"]}"#,
        )
        .unwrap();
        assert_eq!(tally.count("yes"), 12);
        assert_eq!(tally.total, 19);
        assert!(!tally.closed);
        assert_eq!(tally.your_vote, Some(vec!["yes".to_owned()]));
        let closed = Tally::from_json(
            r#"{"counts":{"a":1},"total":1,"closed":true,"your_vote":null,"error":"closed"}"#,
        )
        .unwrap();
        assert!(closed.closed);
        assert_eq!(closed.your_vote, None);
        assert!(!tally.voided && !closed.voided);
        let voided = Tally::from_json(
            r#"{"counts":{"a":1},"total":1,"closed":false,"voided":true,"your_vote":["a"]}"#,
        )
        .unwrap();
        assert!(voided.voided);
        assert_eq!(voided.your_vote, None, "a voided vote is not counted in");
        for bad in [
            "",
            "[]",
            r#"{"counts":{"a":-1}}"#,
            r#"{"counts":{},"total":"x"}"#,
        ] {
            assert!(Tally::from_json(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn results_follow_the_document_order_and_mark_the_readers_choice() {
        let tally = Tally::from_json(r#"{"counts":{"no":1,"yes":3},"total":4}"#).unwrap();
        let results = tally.results(&options(&["yes", "no", "unsure"]), false, &["no".into()]);
        let view: Vec<(&str, u64, u32, bool)> = results
            .rows
            .iter()
            .map(|r| (r.option_id.as_str(), r.count, r.percent, r.mine))
            .collect();
        assert_eq!(
            view,
            [
                ("yes", 3, 75, false),
                ("no", 1, 25, true),
                ("unsure", 0, 0, false)
            ]
        );
        assert_eq!(results.total, 4);
    }

    #[test]
    fn multiple_choice_shares_are_of_voters() {
        let tally = Tally::from_json(r#"{"counts":{"a":2,"b":1,"c":3},"total":3}"#).unwrap();
        let results = tally.results(&options(&["a", "b", "c"]), true, &[]);
        let shares: Vec<u32> = results.rows.iter().map(|r| r.percent).collect();
        assert_eq!(shares, [67, 33, 100]);
    }

    #[test]
    fn the_readers_vote_is_added_once() {
        let snapshot = Tally::from_snapshot(Some(&vec![("a".into(), 3)]));
        assert_eq!(snapshot.total, 3);
        let mine = snapshot.with_vote(&["a".into()]);
        assert_eq!((mine.count("a"), mine.total), (4, 4));
        assert_eq!(mine.with_vote(&["a".into()]), mine);
        let multi = Tally::default().with_vote(&["a".into(), "b".into()]);
        assert_eq!((multi.count("a"), multi.count("b"), multi.total), (1, 1, 1));
        assert_eq!(Tally::from_snapshot(None).total, 0);
    }

    #[test]
    fn more_counts_than_a_poll_has_options_is_not_a_tally() {
        let counts: Vec<String> = (0..=MAX_COUNTS).map(|i| format!(r#""o{i}":1"#)).collect();
        let body = format!(r#"{{"counts":{{{}}},"total":1}}"#, counts.join(","));
        assert!(Tally::from_json(&body).is_err());
        let tally = Tally::from_json(r#"{"counts":{"a":1,"b":2,"a":5}}"#).unwrap();
        assert_eq!(
            (tally.count("a"), tally.count("b"), tally.count("c")),
            (5, 2, 0)
        );
        assert_eq!(tally.total, 7, "the sum of the counts that stand");
    }
}
