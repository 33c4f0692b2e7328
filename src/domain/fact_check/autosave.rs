//! An editor's unsaved form as autosave kept it: the fields as typed, the version they were
//! typed over, and when.

use crate::domain::Moment;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    /// The form's fields as typed, in order, as name and value.
    pub fields: Vec<(String, String)>,
    /// The version the form was opened at; `None` for a fact-check not yet created.
    pub based_on: Option<i64>,
    pub saved_at: Moment,
}

impl Autosave {
    /// Worth offering when the form opens: typed since the fact-check's last save (times
    /// are kept to the second, so the same second counts), or over a version someone has
    /// since replaced (their later save must not hide what was typed). `saved` is the
    /// fact-check's version and last save, `None` for a new form.
    pub fn worth_offering(&self, saved: Option<(i64, Moment)>) -> bool {
        match saved {
            None => true,
            Some((version, updated_at)) => self.saved_at >= updated_at || self.is_stale(version),
        }
    }

    /// Typed over an older version than `current`: someone saved since.
    pub fn is_stale(&self, current: i64) -> bool {
        self.based_on.is_some_and(|based_on| based_on < current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(minutes_ago: i64, based_on: Option<i64>) -> Autosave {
        Autosave {
            fields: vec![("headline".into(), "Typed".into())],
            based_on,
            saved_at: Moment(chrono::Utc::now() - chrono::Duration::minutes(minutes_ago)),
        }
    }

    fn saved(version: i64, minutes_ago: i64) -> Option<(i64, Moment)> {
        Some((
            version,
            Moment(chrono::Utc::now() - chrono::Duration::minutes(minutes_ago)),
        ))
    }

    #[test]
    fn an_autosave_is_offered_only_when_it_holds_work_the_last_save_does_not() {
        assert!(kept(5, None).worth_offering(None), "a new form's slot");
        assert!(
            kept(5, Some(3)).worth_offering(saved(3, 10)),
            "typed after the save"
        );
        assert!(
            !kept(10, Some(3)).worth_offering(saved(3, 5)),
            "saved after typing"
        );
        assert!(
            kept(10, Some(2)).worth_offering(saved(3, 5)),
            "another's later save does not hide what was typed over the older version"
        );
        assert!(kept(10, Some(2)).is_stale(3));
        assert!(!kept(10, Some(3)).is_stale(3));
        assert!(!kept(10, None).is_stale(3));
    }
}
