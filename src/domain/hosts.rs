//! The host names the site answers for, and the origins whose forms it accepts.
//!
//! Checking `Host` defeats DNS rebinding (a hostile name pointed at our address makes the
//! browser send that name), and comparing `Origin` with the configured site rather than
//! with the request's own `Host` means a forged pair of the two proves nothing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// One name the site answers for, with its port (`None`: any port).
#[derive(Debug, Clone, PartialEq, Eq)]
struct HostRule {
    name: String,
    port: Option<u16>,
}

/// The site's own address plus the other names it may be reached by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    /// `http` or `https`: the scheme of the site, which a form's origin must share.
    scheme: String,
    rules: Vec<HostRule>,
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "https" { 443 } else { 80 }
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`, lower-cased, without a trailing dot.
fn split_authority(raw: &str) -> Option<(String, Option<u16>)> {
    let text = raw.trim();
    let (name, port) = if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        inside.parse::<Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (format!("[{inside}]"), port)
    } else {
        match text.rsplit_once(':') {
            Some((name, port)) => (name.to_owned(), Some(port)),
            None => (text.to_owned(), None),
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let well_formed = !name.is_empty()
        && (name.starts_with('[')
            || name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_'));
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    well_formed.then_some((name, port))
}

impl AllowedHosts {
    /// The site at `base_url` (an absolute http(s) address) and the `--allowed-host`
    /// entries: `name` (any port) or `name:port`.
    pub fn new(base_url: &str, allowed: &[String]) -> Result<Self, String> {
        let url = url::Url::parse(base_url.trim()).map_err(|e| format!("{base_url}: {e}"))?;
        let scheme = url.scheme().to_owned();
        if !matches!(scheme.as_str(), "http" | "https") {
            return Err(format!("{base_url}: the site must be http or https"));
        }
        let name = url
            .host_str()
            .ok_or_else(|| format!("{base_url}: the site needs a host name"))?
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let site = HostRule {
            name,
            port: Some(url.port().unwrap_or_else(|| default_port(&scheme))),
        };
        let mut hosts = AllowedHosts {
            scheme,
            rules: vec![site],
        };
        for entry in allowed {
            hosts.allow(entry)?;
        }
        Ok(hosts)
    }

    /// A site with no `--base-url`: addressed as the socket it listens on, and by every
    /// loopback name on that port, since people open `localhost` as often as `127.0.0.1`.
    /// Returns the base URL to publish too. An unspecified bind address (0.0.0.0) is
    /// published as loopback: other names must then be allowed explicitly.
    pub fn local(bound: SocketAddr, allowed: &[String]) -> Result<(String, Self), String> {
        let port = bound.port();
        let shown = match bound.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let site = SocketAddr::new(shown, port);
        let mut hosts = Self::loopback(site);
        for entry in allowed {
            hosts.allow(entry)?;
        }
        Ok((format!("http://{site}"), hosts))
    }

    /// What to tell the operator of a server started without `--base-url` on `bound`: beyond
    /// loopback, other machines reach it, yet its canonical links, feeds and ClaimReview
    /// name `published` (loopback for 0.0.0.0), and requests for its real name are refused.
    pub fn unnamed_site_warning(bound: SocketAddr, published: &str) -> Option<String> {
        if bound.ip().is_loopback() {
            return None;
        }
        Some(format!(
            "listening on {bound} without --base-url: links and feeds name {published}, \
             and requests for any other host are refused; set --base-url to the public address"
        ))
    }

    /// `local` for the default address, 127.0.0.1:3000.
    pub fn default_local() -> Self {
        Self::loopback(SocketAddr::from((Ipv4Addr::LOCALHOST, 3000)))
    }

    fn loopback(site: SocketAddr) -> Self {
        let port = Some(site.port());
        let site_name = match site.ip() {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        };
        let rules = [site_name.as_str(), "127.0.0.1", "localhost", "[::1]"]
            .into_iter()
            .map(|name| HostRule {
                name: name.to_owned(),
                port,
            })
            .collect();
        AllowedHosts {
            scheme: "http".to_owned(),
            rules,
        }
    }

    /// Checks one `--allowed-host` entry, so a mistake is reported before the server starts.
    pub fn check_entry(entry: &str) -> Result<String, String> {
        split_authority(entry)
            .map(|_| entry.trim().to_owned())
            .ok_or_else(|| {
                format!("{entry:?} is not a host name, or a host name and port, such as www.example.org:8080")
            })
    }

    fn allow(&mut self, entry: &str) -> Result<(), String> {
        let checked = Self::check_entry(entry)?;
        if let Some((name, port)) = split_authority(&checked) {
            self.rules.push(HostRule { name, port });
        }
        Ok(())
    }

    fn allows(&self, name: &str, port: u16) -> bool {
        self.rules
            .iter()
            .any(|rule| rule.name == name && rule.port.is_none_or(|p| p == port))
    }

    /// Whether a request's `Host` names this site. A missing port is the site scheme's
    /// default, as browsers leave it out.
    pub fn allows_host(&self, host: &str) -> bool {
        split_authority(host).is_some_and(|(name, port)| {
            self.allows(&name, port.unwrap_or_else(|| default_port(&self.scheme)))
        })
    }

    /// Whether a form's `Origin` (`scheme://host[:port]`) is this site or one of its names.
    pub fn allows_origin(&self, origin: &str) -> bool {
        origin
            .split_once("://")
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case(&self.scheme))
            .and_then(|(scheme, authority)| {
                split_authority(authority).map(|(name, port)| {
                    (
                        name,
                        port.unwrap_or_else(|| default_port(&scheme.to_ascii_lowercase())),
                    )
                })
            })
            .is_some_and(|(name, port)| self.allows(&name, port))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_reachable_from_elsewhere_without_a_base_url_is_warned_about() {
        let cases = [
            ("127.0.0.1:3000", "http://127.0.0.1:3000", false),
            ("[::1]:8080", "http://[::1]:8080", false),
            ("0.0.0.0:8080", "http://127.0.0.1:8080", true),
            ("192.0.2.7:80", "http://192.0.2.7:80", true),
        ];
        for (bind, published, warned) in cases {
            let bound: SocketAddr = bind.parse().unwrap();
            let (base_url, _) = AllowedHosts::local(bound, &[]).unwrap();
            assert_eq!(base_url, published, "the base URL picked for {bind}");
            let warning = AllowedHosts::unnamed_site_warning(bound, &base_url);
            assert_eq!(
                warning.is_some(),
                warned,
                "a warning for {bind}: {warning:?}"
            );
            if let Some(text) = warning {
                assert!(
                    text.contains("--base-url") && text.contains(published),
                    "{text}"
                );
            }
        }
    }

    fn public() -> AllowedHosts {
        AllowedHosts::new(
            "https://factcheck.example",
            &[
                "www.factcheck.example".to_owned(),
                "staging.example:8443".to_owned(),
            ],
        )
        .unwrap()
    }

    #[test]
    fn the_site_and_allowed_names_are_answered_and_nothing_else() {
        let hosts = public();
        let cases = [
            ("factcheck.example", true),
            ("FactCheck.Example", true),
            ("factcheck.example.", true),
            ("factcheck.example:443", true),
            ("factcheck.example:8080", false),
            ("www.factcheck.example:8080", true),
            ("staging.example:8443", true),
            ("staging.example", false),
            ("evil.example", false),
            ("factcheck.example.evil.example", false),
            ("127.0.0.1", false),
            ("", false),
            ("factcheck.example:", false),
            ("factcheck.example:99999", false),
            ("factcheck.example:+443", false),
            ("fact check.example", false),
            ("factcheck.example/path", false),
            ("user@factcheck.example", false),
        ];
        for (host, answered) in cases {
            assert_eq!(hosts.allows_host(host), answered, "Host: {host:?}");
        }
    }

    #[test]
    fn forms_are_accepted_only_from_the_sites_own_origins() {
        let hosts = public();
        let cases = [
            ("https://factcheck.example", true),
            ("https://factcheck.example:443", true),
            ("https://www.factcheck.example", true),
            ("http://factcheck.example", false),
            ("https://evil.example", false),
            ("null", false),
            ("factcheck.example", false),
            ("https://", false),
        ];
        for (origin, accepted) in cases {
            assert_eq!(hosts.allows_origin(origin), accepted, "Origin: {origin:?}");
        }
    }

    #[test]
    fn a_local_site_follows_the_bound_port_under_every_loopback_name() {
        let (base_url, hosts) =
            AllowedHosts::local("127.0.0.1:4123".parse().unwrap(), &[]).unwrap();
        assert_eq!(base_url, "http://127.0.0.1:4123");
        for host in [
            "127.0.0.1:4123",
            "localhost:4123",
            "LOCALHOST:4123",
            "[::1]:4123",
        ] {
            assert!(hosts.allows_host(host), "{host}");
        }
        for host in ["localhost:3000", "localhost", "evil.example:4123"] {
            assert!(!hosts.allows_host(host), "{host}");
        }
        assert!(hosts.allows_origin("http://localhost:4123"));
        assert!(!hosts.allows_origin("http://evil.example:4123"));

        let (base_url, _) = AllowedHosts::local("0.0.0.0:80".parse().unwrap(), &[]).unwrap();
        assert_eq!(base_url, "http://127.0.0.1:80");
        let (base_url, hosts) =
            AllowedHosts::local("[::]:8080".parse().unwrap(), &["192.168.1.5".to_owned()]).unwrap();
        assert_eq!(base_url, "http://[::1]:8080");
        assert!(hosts.allows_host("192.168.1.5:8080"));
    }

    #[test]
    fn bad_allowed_hosts_are_refused() {
        for bad in [
            "",
            "a b",
            "host:port",
            "[::1",
            "[nope]:80",
            "https://x.example",
        ] {
            assert!(
                AllowedHosts::new("http://x.example", &[bad.to_owned()]).is_err(),
                "{bad:?}"
            );
        }
        assert!(AllowedHosts::new("ftp://x.example", &[]).is_err());
    }
}
