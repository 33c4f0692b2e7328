//! Domain types: values that are valid by construction, and the read models pages show.

pub mod claimant;
pub mod fact_check;
pub mod fields;
pub mod ids;
pub mod markdown;
pub mod revision;
pub mod search;
pub mod time;
pub mod user;

pub use claimant::*;
pub use fact_check::*;
pub use fields::*;
pub use ids::*;
pub use revision::*;
pub use search::*;
pub use time::*;
pub use user::*;
