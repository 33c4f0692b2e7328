//! Name resolution for the fetcher: every address a name resolves to must be public (or
//! allowed), or the name is refused as a whole, and the fetcher connects to exactly the
//! addresses checked here, so no second lookup can answer differently.

use crate::domain::IpNet;
use crate::domain::public_address::is_public;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Which addresses the fetcher may reach.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    /// `--allow-private-fetch`: loopback and private addresses too (tests, intranets).
    pub allow_private: bool,
    /// Blocks reachable even when not public (a test server on one loopback address).
    pub also_allowed: Vec<IpNet>,
    /// Names answered from this table instead of DNS, like `/etc/hosts`.
    pub hosts: HashMap<String, Vec<IpAddr>>,
}

impl AddressPolicy {
    pub fn allows(&self, address: IpAddr) -> bool {
        self.allow_private
            || is_public(address)
            || self.also_allowed.iter().any(|net| net.contains(address))
    }

    /// The addresses to connect to for `host`, or why there are none. An answer that mixes
    /// public and private addresses is refused whole: a name that points inside the network
    /// at all is not one to fetch from.
    pub fn check(&self, host: &str, answer: &[IpAddr]) -> Result<Vec<IpAddr>, String> {
        if answer.is_empty() {
            return Err(format!("{host} has no address"));
        }
        match answer.iter().find(|a| !self.allows(**a)) {
            Some(refused) => Err(format!(
                "{host} points to {refused}, which is not a public address"
            )),
            None => Ok(answer.to_vec()),
        }
    }
}

/// The resolver reqwest calls for every connection it opens.
pub(super) struct CheckedResolver(pub(super) Arc<AddressPolicy>);

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = Arc::clone(&self.0);
        let host = name.as_str().to_ascii_lowercase();
        Box::pin(async move {
            let answer: Vec<IpAddr> = match policy.hosts.get(&host) {
                Some(fixed) => fixed.clone(),
                None => tokio::net::lookup_host((host.as_str(), 0))
                    .await
                    .map_err(|_| NameNotFound)?
                    .map(|socket| socket.ip())
                    .collect(),
            };
            let checked = policy.check(&host, &answer).map_err(Refused)?;
            let addrs: Addrs = Box::new(checked.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

/// Why a name was not resolved, carried through reqwest's error to the fetcher.
#[derive(Debug)]
pub(super) struct Refused(pub(super) String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// DNS gave no answer for the name. The resolver's own words ("failed to lookup address
/// information: Name or service not known") mean nothing to an editor, so the fetcher
/// recognises this and says it plainly.
#[derive(Debug)]
pub(super) struct NameNotFound;

impl std::fmt::Display for NameNotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the site's name could not be found")
    }
}

impl std::error::Error for NameNotFound {}

#[cfg(test)]
mod tests {
    use super::AddressPolicy;
    use std::net::IpAddr;

    fn ips(list: &[&str]) -> Vec<IpAddr> {
        list.iter().map(|a| a.parse().unwrap()).collect()
    }

    #[test]
    fn a_name_is_refused_if_any_of_its_addresses_is_not_public() {
        let policy = AddressPolicy::default();
        let table: &[(&[&str], bool)] = &[
            (&["93.184.215.14"], true),
            (
                &["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
                true,
            ),
            (&["127.0.0.1"], false),
            (&["93.184.215.14", "10.0.0.5"], false),
            (&["2606:4700::1111", "::ffff:192.168.0.1"], false),
            (&["169.254.169.254"], false),
            (&[], false),
        ];
        for (answer, allowed) in table {
            let checked = policy.check("news.example", &ips(answer));
            assert_eq!(checked.is_ok(), *allowed, "{answer:?}: {checked:?}");
        }
    }

    #[test]
    fn allowing_private_addresses_or_one_block_opens_only_that() {
        let open = AddressPolicy {
            allow_private: true,
            ..AddressPolicy::default()
        };
        assert!(open.check("intranet", &ips(&["10.0.0.5"])).is_ok());
        let one = AddressPolicy {
            also_allowed: vec![crate::domain::IpNet::parse("127.0.0.1").unwrap()],
            ..AddressPolicy::default()
        };
        assert!(one.check("test", &ips(&["127.0.0.1"])).is_ok());
        assert!(one.check("test", &ips(&["127.0.0.2"])).is_err());
    }
}
