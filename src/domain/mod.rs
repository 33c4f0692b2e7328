//! Domain types: values that are valid by construction, and the read models pages show.

pub mod audit;
pub mod changes;
pub mod cited;
pub mod claimant;
pub mod desk;
pub mod editorial;
pub mod evidence;
pub mod fact_check;
pub mod fields;
pub mod hosts;
pub mod ids;
pub mod independence;
pub mod limits;
pub mod link_watch;
pub mod markdown;
pub mod network;
pub mod public_address;
pub mod revision;
pub mod search;
pub mod sign_in;
mod stored;
pub mod time;
pub mod user;

pub use audit::AuditAction;
pub use claimant::*;
pub use desk::{Assignee, DeskCursor, DeskFilter, DeskParams, DeskSort, DeskStatus, Person};
pub use fact_check::*;
pub use fields::*;
pub use hosts::AllowedHosts;
pub use ids::*;
pub use network::{IpNet, TrustedProxies};
pub use revision::*;
pub use search::*;
pub use sign_in::*;
pub use time::*;
pub use user::*;
