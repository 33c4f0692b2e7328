//! Network addresses as the server judges them: address blocks (CIDR), the proxies trusted
//! to say who the client is, and the client address that follows from `X-Forwarded-For`.

use std::net::IpAddr;

/// An address block such as `10.0.0.0/8` or `fd00::/8`; a bare address is a block of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    network: IpAddr,
    prefix: u8,
}

impl IpNet {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let written: IpAddr = address
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or CIDR block"))?;
        let bits = if written.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => bits,
            // Digits only: `u8::from_str` would also take "+8".
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| format!("{text:?}: the prefix length must be 0 to {bits}"))?,
            Some(_) => return Err(format!("{text:?}: the prefix length must be a number")),
        };
        // Peers are compared in canonical form, so a v4-mapped block (::ffff:a.b.c.d/n)
        // becomes the v4 block it names.
        let address = written.to_canonical();
        let prefix = if written.is_ipv6() && address.is_ipv4() {
            prefix.checked_sub(96).ok_or_else(|| {
                format!("{text:?}: a v4-mapped block needs a prefix of at least 96")
            })?
        } else {
            prefix
        };
        Ok(IpNet {
            network: mask(address, prefix),
            prefix,
        })
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        address.is_ipv4() == self.network.is_ipv4() && mask(address, self.prefix) == self.network
    }
}

/// `address` with every bit after the first `prefix` cleared.
fn mask(address: IpAddr, prefix: u8) -> IpAddr {
    match address {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let kept = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::from((bits & kept).to_be_bytes())
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let kept = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::from((bits & kept).to_be_bytes())
        }
    }
}

/// The peers whose `X-Forwarded-For` is believed: the site's own reverse proxies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma- or space-separated list of addresses and CIDR blocks; empty trusts nobody.
    pub fn parse(raw: &str) -> Result<Self, String> {
        raw.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|part| !part.is_empty())
            .map(IpNet::parse)
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    pub fn new(blocks: Vec<IpNet>) -> Self {
        TrustedProxies(blocks)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(address))
    }

    /// Who the client is. Only a trusted peer's `X-Forwarded-For` counts, read from the
    /// right: each proxy appends the address it saw, so the first entry not added by one of
    /// our own proxies is the client; anything left of it was typed by the client and may
    /// be invented. A header that cannot be read leaves the peer as the client, as if the
    /// proxy had sent none.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let mut hops = Vec::new();
        for header in forwarded_for {
            for hop in header.split(',') {
                match parse_hop(hop) {
                    Some(address) => hops.push(address),
                    None => return peer,
                }
            }
        }
        let mut client = peer;
        for hop in hops.into_iter().rev() {
            client = hop;
            if !self.trusts(hop) {
                break;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, perhaps with a port (`1.2.3.4:5678`,
/// `[::1]:5678`), as some proxies write it.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(address) = hop.parse::<IpAddr>() {
        return Some(address.to_canonical());
    }
    hop.parse::<std::net::SocketAddr>()
        .ok()
        .map(|socket| socket.ip().to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn blocks_contain_exactly_their_addresses() {
        let cases = [
            ("10.0.0.0/8", "10.255.3.4", true),
            ("10.0.0.0/8", "11.0.0.1", false),
            ("10.1.2.3/8", "10.9.9.9", true),
            ("192.168.1.7", "192.168.1.7", true),
            ("192.168.1.7", "192.168.1.8", false),
            ("192.168.1.0/31", "192.168.1.1", true),
            ("192.168.1.0/31", "192.168.1.2", false),
            ("0.0.0.0/0", "203.0.113.9", true),
            ("0.0.0.0/0", "::1", false),
            ("fd00::/8", "fd12:3456::1", true),
            ("fd00::/8", "fe80::1", false),
            ("::1", "::1", true),
            ("::/0", "2001:db8::1", true),
            // A v4 client seen through a dual-stack socket is still that v4 client.
            ("127.0.0.1", "::ffff:127.0.0.1", true),
            ("::ffff:10.0.0.0/104", "10.1.1.1", true),
        ];
        for (block, address, inside) in cases {
            let net = IpNet::parse(block).unwrap();
            assert_eq!(net.contains(ip(address)), inside, "{address} in {block}");
        }
    }

    #[test]
    fn malformed_blocks_are_refused_with_the_reason() {
        for bad in [
            "",
            "10.0.0",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "10.0.0.0/8/8",
            "example.com",
            "10.0.0.0/x",
        ] {
            assert!(IpNet::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(IpNet::parse("10.0.0.0/33").unwrap_err().contains("0 to 32"));
    }

    #[test]
    fn lists_are_split_on_commas_and_spaces() {
        let list = TrustedProxies::parse("10.0.0.1, 172.16.0.0/12  ::1").unwrap();
        assert_eq!(list.0.len(), 3);
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse("10.0.0.1, nope").is_err());
    }

    #[test]
    fn only_a_trusted_peer_names_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let proxy = ip("10.0.0.5");
        let cases: &[(&str, IpAddr, &[&str], &str)] = &[
            (
                "no proxies configured",
                ip("10.0.0.5"),
                &["203.0.113.1"],
                "10.0.0.5",
            ),
            (
                "untrusted peer",
                ip("198.51.100.2"),
                &["203.0.113.1"],
                "198.51.100.2",
            ),
            ("trusted, one hop", proxy, &["203.0.113.1"], "203.0.113.1"),
            ("trusted, no header", proxy, &[], "10.0.0.5"),
            (
                "client-typed entries left of the real one",
                proxy,
                &["1.1.1.1, 203.0.113.1"],
                "203.0.113.1",
            ),
            (
                "a chain of our own proxies",
                proxy,
                &["203.0.113.1, 10.0.0.9"],
                "203.0.113.1",
            ),
            (
                "several headers read as one list",
                proxy,
                &["1.1.1.1", "203.0.113.1"],
                "203.0.113.1",
            ),
            ("with ports", proxy, &["[2001:db8::7]:443"], "2001:db8::7"),
            ("v4 with port", proxy, &["203.0.113.1:5000"], "203.0.113.1"),
            (
                "unreadable header",
                proxy,
                &["203.0.113.1, garbage"],
                "10.0.0.5",
            ),
            ("only our proxies", proxy, &["10.0.0.7"], "10.0.0.7"),
        ];
        for (why, peer, headers, expected) in cases {
            let configured = if *why == "no proxies configured" {
                TrustedProxies::default()
            } else {
                proxies.clone()
            };
            assert_eq!(configured.client(*peer, headers), ip(expected), "{why}");
        }
    }
}
