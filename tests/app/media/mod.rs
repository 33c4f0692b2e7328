//! Images: uploads made safe (`uploads`), and where they appear (`shown`).

mod shown;
mod uploads;
