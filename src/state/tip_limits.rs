//! The per-address limit on tips: at most `TIPS_PER_ADDRESS` in `TIP_WINDOW` from one
//! client, counted in memory (a restart forgets, which only ever lets a few more in).

use crate::domain::{TIP_WINDOW, TIPS_PER_ADDRESS};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Addresses remembered at most: 10,000 × 5 instants is well under a megabyte. When full,
/// a new address is refused until old ones expire, so a flood of addresses costs memory
/// no more than this; the site-wide hourly cap bounds what it can store anyway.
pub const MAX_ADDRESSES: usize = 10_000;

/// What the limiter says of one more tip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Admitted,
    /// This sender has sent their share this hour.
    OverLimit,
    /// Too many senders at once to count a new one.
    Full,
}

pub struct TipLimiter {
    window: Duration,
    per_address: usize,
    capacity: usize,
    sent: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Default for TipLimiter {
    fn default() -> Self {
        TipLimiter::new(
            TIP_WINDOW.to_std().unwrap_or(Duration::from_secs(3600)),
            TIPS_PER_ADDRESS,
            MAX_ADDRESSES,
        )
    }
}

impl TipLimiter {
    pub fn new(window: Duration, per_address: usize, capacity: usize) -> Self {
        TipLimiter {
            window,
            per_address,
            capacity,
            sent: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one tip from `address` at `now` and says whether it is within the limit; a
    /// tip over it is not counted, so a client that keeps sending is let in again once its
    /// oldest kept tips leave the window.
    pub fn admit(&self, address: &str, now: Instant) -> bool {
        self.admission(address, now) == Admission::Admitted
    }

    /// As `admit`, telling apart a sender over their limit from a table too full to count
    /// a new sender (many senders at once: the site is flooded, and says so).
    pub fn admission(&self, address: &str, now: Instant) -> Admission {
        let address = &sender_of(address);
        let mut sent = self
            .sent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let window = self.window;
        let fresh = |times: &mut VecDeque<Instant>| {
            while times
                .front()
                .is_some_and(|t| now.saturating_duration_since(*t) >= window)
            {
                times.pop_front();
            }
        };
        if !sent.contains_key(address) && sent.len() >= self.capacity {
            sent.retain(|_, times| {
                fresh(times);
                !times.is_empty()
            });
            if sent.len() >= self.capacity {
                return Admission::Full;
            }
        }
        let times = sent.entry(address.to_owned()).or_default();
        fresh(times);
        if times.len() >= self.per_address {
            return Admission::OverLimit;
        }
        times.push_back(now);
        Admission::Admitted
    }
}

/// Who is counted as one sender: an IPv4 address, or an IPv6 address's /64 network, which
/// one home or one server gets whole; counting each of its addresses apart would let one
/// machine send as many as it has addresses.
fn sender_of(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        _ => address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_tip_in_an_hour_is_refused_and_the_seventh_hour_lets_it_in() {
        let limiter = TipLimiter::default();
        let start = Instant::now();
        for _ in 0..5 {
            assert!(limiter.admit("192.0.2.1", start));
        }
        assert!(!limiter.admit("192.0.2.1", start));
        assert!(limiter.admit("192.0.2.2", start));
        assert!(limiter.admit("192.0.2.1", start + Duration::from_secs(3600)));
    }

    #[test]
    fn the_addresses_of_one_ipv6_network_are_one_sender() {
        let limiter = TipLimiter::default();
        let start = Instant::now();
        for host in 1..=5 {
            assert!(limiter.admit(&format!("2001:db8:1:2::{host:x}"), start));
        }
        assert!(!limiter.admit("2001:db8:1:2:ffff::9", start));
        assert!(
            limiter.admit("2001:db8:1:3::1", start),
            "the next /64 is someone else"
        );
        assert!(limiter.admit("::ffff:192.0.2.7", start));
        assert_eq!(sender_of("::ffff:192.0.2.7"), "192.0.2.7");
    }

    #[test]
    fn a_full_table_makes_room_only_from_expired_addresses() {
        let limiter = TipLimiter::new(Duration::from_secs(60), 1, 2);
        let start = Instant::now();
        assert!(limiter.admit("a", start));
        assert!(limiter.admit("b", start));
        assert_eq!(limiter.admission("c", start), Admission::Full);
        assert!(limiter.admit("c", start + Duration::from_secs(60)));
        assert_eq!(limiter.sent.lock().unwrap().len(), 1);
    }
}
