//! Vote integrity: which network a vote comes from, and how many new voters
//! one network may add to one poll per hour.
//!
//! Two keys are kept per vote, never the full address:
//! - the *network*: an IPv4 address or an IPv6 /64 (what one subscriber
//!   usually holds), kept only for the cap's window ([`CAP_WINDOW_MS`]) and
//!   then cleared;
//! - the *prefix*: an IPv4 /24 or an IPv6 /48, kept with the vote for the
//!   audit and for voiding.
//!
//! The caps are checked by the store, in the transaction that records the
//! vote, so they hold across instances sharing one database and across restarts.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap, HeaderName};

/// The window of the new-voter caps.
pub const CAP_WINDOW_MS: i64 = 3_600_000;

/// Where a vote came from, reduced to the two keys the caps and the audit need.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientNetwork {
    /// IPv4 address or IPv6 /64, e.g. `203.0.113.7` or `2001:db8:1:2::/64`.
    pub network: String,
    /// IPv4 /24 or IPv6 /48, e.g. `203.0.113.0/24` or `2001:db8:1::/48`.
    pub prefix: String,
}

impl ClientNetwork {
    pub fn of(ip: IpAddr) -> ClientNetwork {
        match canonical(ip) {
            IpAddr::V4(v4) => {
                let [a, b, c, _] = v4.octets();
                ClientNetwork {
                    network: v4.to_string(),
                    prefix: format!("{}/24", Ipv4Addr::new(a, b, c, 0)),
                }
            }
            IpAddr::V6(v6) => ClientNetwork {
                network: format!("{}/64", network_of(IpAddr::V6(v6))),
                prefix: format!("{}/48", mask_v6(v6, 3)),
            },
        }
    }
}

/// How many new voters a network and a prefix may add to one poll per hour; 0 is no cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoterCaps {
    pub per_network: u32,
    pub per_prefix: u32,
}

impl VoterCaps {
    pub fn is_off(&self) -> bool {
        self.per_network == 0 && self.per_prefix == 0
    }
}

/// Which cap refused a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapScope {
    Network,
    Prefix,
}

/// A vote the store is asked to admit under the caps.
#[derive(Debug, Clone)]
pub struct Admission {
    pub from: ClientNetwork,
    pub caps: VoterCaps,
}

/// Counts of new voters already in the window for one key, and when the
/// oldest of them leaves it.
#[derive(Debug, Clone, Copy, Default)]
pub struct WindowCount {
    pub votes: i64,
    pub oldest_ms: Option<i64>,
}

/// Decides one vote against the counts in the window; `Err` is the scope
/// refused and the seconds until a place frees up.
pub fn check_caps(
    caps: VoterCaps,
    network: WindowCount,
    prefix: WindowCount,
    now_ms: i64,
) -> Result<(), (CapScope, u64)> {
    let over = |cap: u32, count: WindowCount| cap > 0 && count.votes >= i64::from(cap);
    let retry = |count: WindowCount| {
        let frees_at = count.oldest_ms.unwrap_or(now_ms) + CAP_WINDOW_MS;
        ((frees_at - now_ms + 999) / 1000).max(1) as u64
    };
    if over(caps.per_network, network) {
        return Err((CapScope::Network, retry(network)));
    }
    if over(caps.per_prefix, prefix) {
        return Err((CapScope::Prefix, retry(prefix)));
    }
    Ok(())
}

/// A network prefix as an admin names it (`203.0.113.0/24`, `2001:db8:1::/48`),
/// in the canonical form the store keeps. Only the stored kinds are accepted.
pub fn parse_prefix(text: &str) -> Result<String, String> {
    let error = || {
        format!(
            "network: expected an IPv4 /24 (like 203.0.113.0/24) or an IPv6 /48 \
             (like 2001:db8:1::/48), got {:?}",
            text.chars().take(64).collect::<String>()
        )
    };
    let (address, length) = text.trim().split_once('/').ok_or_else(error)?;
    let ip: IpAddr = address.parse().map_err(|_| error())?;
    match (ip, length) {
        (IpAddr::V4(_), "24") | (IpAddr::V6(_), "48") => Ok(ClientNetwork::of(ip).prefix),
        _ => Err(error()),
    }
}

/// The client's address: from the configured proxy header (its last
/// address), else the socket.
pub fn client_ip(
    header: Option<&HeaderName>,
    headers: &HeaderMap,
    extensions: &Extensions,
) -> IpAddr {
    let from_header = header.and_then(|name| {
        headers
            .get_all(name)
            .iter()
            .next_back()?
            .to_str()
            .ok()?
            .rsplit(',')
            .next()?
            .trim()
            .parse::<IpAddr>()
            .ok()
    });
    from_header
        .or_else(|| {
            extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip())
        })
        .map(canonical)
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// The *network* an address belongs to, as the caps, rate limits and
/// connection caps key clients: an IPv4 address, or an IPv6 /64 (which one
/// subscriber usually holds whole).
pub fn network_of(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => IpAddr::V6(mask_v6(v6, 4)),
        v4 => v4,
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are IPv4 clients.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Keeps the first `segments` 16-bit groups.
fn mask_v6(ip: Ipv6Addr, segments: usize) -> Ipv6Addr {
    let mut s = ip.segments();
    s[segments..].fill(0);
    Ipv6Addr::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_and_prefixes() {
        let v4 = ClientNetwork::of("203.0.113.77".parse().unwrap());
        assert_eq!(v4.network, "203.0.113.77");
        assert_eq!(v4.prefix, "203.0.113.0/24");
        let v6 = ClientNetwork::of("2001:db8:1:2:3:4:5:6".parse().unwrap());
        assert_eq!(v6.network, "2001:db8:1:2::/64");
        assert_eq!(v6.prefix, "2001:db8:1::/48");
        let mapped = ClientNetwork::of("::ffff:198.51.100.9".parse().unwrap());
        assert_eq!(mapped.prefix, "198.51.100.0/24");
    }

    #[test]
    fn prefixes_parse_to_the_stored_form() {
        assert_eq!(parse_prefix("203.0.113.9/24").unwrap(), "203.0.113.0/24");
        assert_eq!(
            parse_prefix("2001:0db8:0001:ffff::/48").unwrap(),
            "2001:db8:1::/48"
        );
        for bad in ["203.0.113.0", "203.0.113.0/16", "2001:db8::/64", "x/24", ""] {
            assert!(parse_prefix(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn caps_refuse_at_the_limit_and_say_when_to_retry() {
        let caps = VoterCaps {
            per_network: 2,
            per_prefix: 5,
        };
        let count = |votes, oldest_ms| WindowCount {
            votes,
            oldest_ms: Some(oldest_ms),
        };
        let now = 10 * CAP_WINDOW_MS;
        assert!(check_caps(caps, count(1, now), count(4, now), now).is_ok());
        assert_eq!(
            check_caps(caps, count(2, now - 1_000), count(2, now), now),
            Err((CapScope::Network, 3_599))
        );
        assert_eq!(
            check_caps(caps, count(0, now), count(5, now - CAP_WINDOW_MS + 10), now),
            Err((CapScope::Prefix, 1))
        );
        let off = VoterCaps {
            per_network: 0,
            per_prefix: 0,
        };
        assert!(check_caps(off, count(1_000, now), count(1_000, now), now).is_ok());
    }
}
