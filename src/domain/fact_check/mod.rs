//! Fact-checks: the editor's input as typed, the validated draft built from it, its
//! workflow status, and the read models that reader and editor pages show.

mod autosave;
mod draft;
mod input;
mod key_points;
mod read;
mod status;
mod tags;

pub use autosave::*;
pub use draft::*;
pub use input::*;
pub use key_points::*;
pub use read::*;
pub use status::*;
pub use tags::*;

pub const MAX_APPEARANCES: usize = 20;
pub const MAX_SOURCES: usize = 40;
pub const MAX_TAGS: usize = 10;
