//! Who is on the other end of a request: the peer, or behind a trusted proxy the client it
//! names in `X-Forwarded-For`.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::net::SocketAddr;

/// The client's address, for the sign-in throttle and the log.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Ok(ClientAddress("unknown".to_owned()));
        };
        // A header that is not text is no address at all: the whole list is then ignored.
        let forwarded: Option<Vec<&str>> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .map(|value| value.to_str().ok())
            .collect();
        let client = match forwarded {
            Some(list) => state.trusted_proxies.client(peer.ip(), &list),
            None => peer.ip().to_canonical(),
        };
        Ok(ClientAddress(client.to_string()))
    }
}
