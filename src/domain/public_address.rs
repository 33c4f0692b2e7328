//! Which addresses the server may fetch from on an editor's behalf: only public ones, so a
//! typed link can never reach the newsroom's own network (loopback, private ranges, the
//! cloud metadata address…), however it is spelled. The fetcher checks every address a name
//! resolves to, and every redirect's, with `is_public`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 blocks that are not reachable on the public internet (RFC 6890 and its updates).
const NOT_PUBLIC_V4: &[(u32, u8)] = &[
    (0x0000_0000, 8),  // 0.0.0.0/8 "this network"
    (0x0a00_0000, 8),  // 10.0.0.0/8 private
    (0x6440_0000, 10), // 100.64.0.0/10 carrier-grade NAT
    (0x7f00_0000, 8),  // 127.0.0.0/8 loopback
    (0xa9fe_0000, 16), // 169.254.0.0/16 link-local (and cloud metadata)
    (0xac10_0000, 12), // 172.16.0.0/12 private
    (0xc000_0000, 24), // 192.0.0.0/24 protocol assignments
    (0xc000_0200, 24), // 192.0.2.0/24 documentation
    (0xc058_6300, 24), // 192.88.99.0/24 6to4 relay anycast
    (0xc0a8_0000, 16), // 192.168.0.0/16 private
    (0xc612_0000, 15), // 198.18.0.0/15 benchmarking
    (0xc633_6400, 24), // 198.51.100.0/24 documentation
    (0xcb00_7100, 24), // 203.0.113.0/24 documentation
    (0xe000_0000, 4),  // 224.0.0.0/4 multicast
    (0xf000_0000, 4),  // 240.0.0.0/4 reserved, and the broadcast address
];

/// IPv6 blocks that are never public, whatever they carry.
const NOT_PUBLIC_V6: &[(u128, u8)] = &[
    (0x0000_0000_0000_0000_0000_0000_0000_0000, 128), // :: unspecified
    (0x0000_0000_0000_0000_0000_0000_0000_0001, 128), // ::1 loopback
    (0x0064_ff9b_0001_0000_0000_0000_0000_0000, 48),  // 64:ff9b:1::/48 local NAT64
    (0x0100_0000_0000_0000_0000_0000_0000_0000, 64),  // 100::/64 discard
    (0x2001_0010_0000_0000_0000_0000_0000_0000, 28),  // 2001:10::/28 ORCHID
    (0x2001_0020_0000_0000_0000_0000_0000_0000, 28),  // 2001:20::/28 ORCHIDv2
    (0x2001_0db8_0000_0000_0000_0000_0000_0000, 32),  // 2001:db8::/32 documentation
    (0x3fff_0000_0000_0000_0000_0000_0000_0000, 20),  // 3fff::/20 documentation
    (0xfc00_0000_0000_0000_0000_0000_0000_0000, 7),   // fc00::/7 unique local
    (0xfe80_0000_0000_0000_0000_0000_0000_0000, 10),  // fe80::/10 link-local
    (0xfec0_0000_0000_0000_0000_0000_0000_0000, 10),  // fec0::/10 site-local (deprecated)
    (0xff00_0000_0000_0000_0000_0000_0000_0000, 8),   // ff00::/8 multicast
];

/// Whether the server may connect to `address` to fetch a page.
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            // An IPv6 form that carries an IPv4 address reaches that address.
            Some(v4) => is_public_v4(v4),
            None => !NOT_PUBLIC_V6
                .iter()
                .any(|&(network, prefix)| within(u128::from(v6), network, prefix, 128)),
        },
    }
}

fn is_public_v4(address: Ipv4Addr) -> bool {
    let bits = u128::from(u32::from(address));
    !NOT_PUBLIC_V4
        .iter()
        .any(|&(network, prefix)| within(bits, u128::from(network), prefix, 32))
}

/// Whether the top `prefix` of `width` bits of `bits` are those of `network`.
fn within(bits: u128, network: u128, prefix: u8, width: u32) -> bool {
    let shift = width - u32::from(prefix);
    bits.checked_shr(shift).unwrap_or(0) == network.checked_shr(shift).unwrap_or(0)
}

/// The IPv4 address an IPv6 one delivers to, for the forms that tunnel or translate to
/// IPv4: mapped (`::ffff:a.b.c.d`), compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`),
/// 6to4 (`2002:AABB:CCDD::/48`) and Teredo (`2001:0::/32`, client address inverted in the
/// last 32 bits).
fn embedded_v4(address: Ipv6Addr) -> Option<Ipv4Addr> {
    let bits = u128::from(address);
    let low32 = |b: u128| Ipv4Addr::from(u32::try_from(b & 0xffff_ffff).unwrap_or(0));
    if let Some(v4) = address.to_ipv4_mapped() {
        return Some(v4);
    }
    // `::` and `::1` are judged as IPv6 (unspecified, loopback), not as 0.0.0.x.
    if bits >> 32 == 0 && bits > 1 {
        return Some(low32(bits));
    }
    if within(bits, 0x0064_ff9b_0000_0000_0000_0000_0000_0000, 96, 128) {
        return Some(low32(bits));
    }
    if within(bits, 0x2002_0000_0000_0000_0000_0000_0000_0000, 16, 128) {
        return Some(low32(bits >> 80));
    }
    if within(bits, 0x2001_0000_0000_0000_0000_0000_0000_0000, 32, 128) {
        return Some(low32(!bits));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::is_public;

    #[test]
    fn only_public_addresses_may_be_fetched() {
        let table = [
            // Public.
            ("93.184.215.14", true),
            ("8.8.8.8", true),
            ("2606:4700::1111", true),
            ("2a00:1450:4001:80b::200e", true),
            ("::ffff:8.8.8.8", true),
            ("64:ff9b::808:808", true),
            ("2002:808:808::1", true),
            // Loopback, private, link-local, CGNAT, this network, broadcast.
            ("127.0.0.1", false),
            ("127.255.255.254", false),
            ("10.1.2.3", false),
            ("172.16.0.1", false),
            ("172.31.255.255", false),
            ("172.32.0.1", true),
            ("192.168.1.1", false),
            ("169.254.169.254", false),
            ("100.64.0.1", false),
            ("100.127.255.255", false),
            ("100.128.0.1", true),
            ("0.0.0.0", false),
            ("255.255.255.255", false),
            // Documentation, benchmarking, multicast, reserved.
            ("192.0.2.10", false),
            ("198.51.100.7", false),
            ("203.0.113.9", false),
            ("198.18.0.1", false),
            ("224.0.0.251", false),
            ("240.0.0.1", false),
            ("192.88.99.1", false),
            // IPv6 of its own kind.
            ("::", false),
            ("::1", false),
            ("fe80::1", false),
            ("fc00::1", false),
            ("fd12:3456::1", false),
            ("ff02::1", false),
            ("2001:db8::1", false),
            ("3fff::1", false),
            ("100::1", false),
            ("fec0::1", false),
            // IPv6 forms that reach a private IPv4 address.
            ("::ffff:127.0.0.1", false),
            ("::ffff:10.0.0.1", false),
            ("::127.0.0.1", false),
            ("64:ff9b::7f00:1", false),
            ("64:ff9b:1::1", false),
            ("2002:7f00:1::1", false),
            ("2002:c0a8:101::1", false),
            // Teredo: the client address is the last 32 bits inverted (127.0.0.1 here).
            ("2001:0:4136:e378:8000:63bf:80ff:fffe", false),
            ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", true),
        ];
        for (text, public) in table {
            let address: std::net::IpAddr = text.parse().unwrap();
            assert_eq!(is_public(address), public, "{text}");
        }
    }
}
