//! The desk's views: which fact-checks the dashboard lists (status, rating, author,
//! assignee, tag), in which order, from where in the list, and who may assign whom.

use super::{Moment, Role, SignedIn, TagLookup, TagName, UserId};

/// A status as the desk tells them apart: a scheduled fact-check is stored as published,
/// but for the desk it is not out yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskStatus {
    Draft,
    InReview,
    Scheduled,
    Published,
    Retracted,
}

impl DeskStatus {
    pub const ALL: [DeskStatus; 5] = [
        DeskStatus::Draft,
        DeskStatus::InReview,
        DeskStatus::Scheduled,
        DeskStatus::Published,
        DeskStatus::Retracted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeskStatus::Draft => "draft",
            DeskStatus::InReview => "in_review",
            DeskStatus::Scheduled => "scheduled",
            DeskStatus::Published => "published",
            DeskStatus::Retracted => "retracted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DeskStatus::Draft => "Drafts",
            DeskStatus::InReview => "Waiting for review",
            DeskStatus::Scheduled => "Scheduled",
            DeskStatus::Published => "Published",
            DeskStatus::Retracted => "Retracted",
        }
    }
}

/// Whose fact-checks, by assignee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    Nobody,
    Person(UserId),
}

/// Newest or oldest change first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeskSort {
    #[default]
    Newest,
    Oldest,
}

/// Where a page starts: just past this row, in the view's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskCursor {
    /// In the writer's own view, drafts sent back come before the rest (0 before 1).
    pub rank: i64,
    pub updated_at: Moment,
    pub id: i64,
}

impl DeskCursor {
    /// "rank_updated-at_id", as the "Older" link carries it.
    pub fn parse(text: &str) -> Option<DeskCursor> {
        let mut parts = text.trim().splitn(3, '_');
        let rank = parts.next()?.parse().ok().filter(|r| matches!(r, 0 | 1))?;
        let updated_at = Moment::parse(parts.next()?)?;
        let id = parts.next()?.parse().ok()?;
        Some(DeskCursor {
            rank,
            updated_at,
            id,
        })
    }

    pub fn to_param(&self) -> String {
        format!("{}_{}_{}", self.rank, self.updated_at.rfc3339(), self.id)
    }
}

/// One view of the desk: every filter chosen (None: any), the order and the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskFilter {
    pub status: Option<DeskStatus>,
    /// A rating slug, known to exist.
    pub rating: Option<String>,
    pub author: Option<UserId>,
    pub assignee: Option<Assignee>,
    pub tag: Option<TagLookup>,
    pub sort: DeskSort,
    /// Drafts sent back to their writer first: the writer's landing view.
    pub sent_back_first: bool,
    pub after: Option<DeskCursor>,
}

/// The query string as typed: every parameter optional, each kept as text until parsed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DeskParams {
    pub status: Option<String>,
    pub rating: Option<String>,
    pub author: Option<String>,
    pub assignee: Option<String>,
    pub tag: Option<String>,
    pub sort: Option<String>,
    pub after: Option<String>,
}

impl DeskFilter {
    /// Reads the filters from the query, for `editor`. No status at all is the landing view
    /// of the editor's role: a writer's own drafts (sent back first), an editor's review
    /// queue; "any" lists every status. Writers see only their own fact-checks, whatever
    /// the author asked for. An unknown value is an error, said in a sentence.
    pub fn parse(params: &DeskParams, editor: &SignedIn) -> Result<DeskFilter, String> {
        let landing = params.status.is_none();
        let status = match filled(&params.status) {
            None if landing && editor.role == Role::Writer => Some(DeskStatus::Draft),
            None if landing => Some(DeskStatus::InReview),
            None | Some("any") => None,
            Some(text) => Some(
                DeskStatus::ALL
                    .into_iter()
                    .find(|s| s.as_str() == text)
                    .ok_or("Choose a status from the list.")?,
            ),
        };
        let person = |text: &str, what: &str| {
            text.parse()
                .map(UserId)
                .map_err(|_| format!("Choose {what} from the list."))
        };
        let author = match filled(&params.author) {
            _ if editor.role == Role::Writer => Some(editor.user_id),
            None => None,
            Some(text) => Some(person(text, "an author")?),
        };
        let assignee = match filled(&params.assignee) {
            None => None,
            Some("me") => Some(Assignee::Person(editor.user_id)),
            Some("nobody") => Some(Assignee::Nobody),
            Some(text) => Some(Assignee::Person(person(text, "an assignee")?)),
        };
        let sort = match filled(&params.sort) {
            None | Some("newest") => DeskSort::Newest,
            Some("oldest") => DeskSort::Oldest,
            Some(_) => return Err("Sort by newest or oldest change.".to_owned()),
        };
        let after = filled(&params.after)
            .map(|text| DeskCursor::parse(text).ok_or("This page link is broken; start again."))
            .transpose()?;
        Ok(DeskFilter {
            status,
            rating: filled(&params.rating).map(str::to_owned),
            author,
            assignee,
            tag: filled(&params.tag)
                .map(|text| TagName::parse(text).map(|t| TagLookup::new(t.as_str())))
                .transpose()?,
            sort,
            sent_back_first: editor.role == Role::Writer && status == Some(DeskStatus::Draft),
            after,
        })
    }

    /// The query string of this view without its page, for links that keep the filters.
    pub fn query_string(&self, editor: &SignedIn) -> String {
        let mut pairs: Vec<(&str, String)> = vec![(
            "status",
            self.status.map_or("any", DeskStatus::as_str).to_owned(),
        )];
        if let Some(rating) = &self.rating {
            pairs.push(("rating", rating.clone()));
        }
        if let (Some(author), false) = (self.author, editor.role == Role::Writer) {
            pairs.push(("author", author.to_string()));
        }
        match self.assignee {
            Some(Assignee::Nobody) => pairs.push(("assignee", "nobody".to_owned())),
            Some(Assignee::Person(id)) if id == editor.user_id => {
                pairs.push(("assignee", "me".to_owned()))
            }
            Some(Assignee::Person(id)) => pairs.push(("assignee", id.to_string())),
            None => {}
        }
        if let Some(tag) = &self.tag {
            pairs.push(("tag", tag.typed().to_owned()));
        }
        if self.sort == DeskSort::Oldest {
            pairs.push(("sort", "oldest".to_owned()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| {
                let v: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
                format!("{k}={v}")
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Someone work can be handed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: UserId,
    pub name: String,
}

/// A parameter given and not blank.
fn filled(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Who may change a fact-check's assignee from `from` to `to`: editors hand work to anyone;
/// a writer may take an unassigned draft of their own, or give back one they hold.
pub fn may_assign(
    editor: &SignedIn,
    from: Option<UserId>,
    to: Option<UserId>,
) -> Result<(), &'static str> {
    let me = Some(editor.user_id);
    if editor.can_review() || (from.is_none() && to == me) || (from == me && to.is_none()) {
        Ok(())
    } else {
        Err("Only an editor can assign this fact-check to someone else.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_in(role: Role) -> SignedIn {
        SignedIn {
            user_id: UserId(7),
            name: "Ines".to_owned(),
            email: "ines@example.org".to_owned(),
            role,
            csrf_token: String::new(),
        }
    }

    fn params(status: Option<&str>) -> DeskParams {
        DeskParams {
            status: status.map(str::to_owned),
            ..Default::default()
        }
    }

    #[test]
    fn each_role_lands_on_its_own_queue() {
        let writer = DeskFilter::parse(&params(None), &signed_in(Role::Writer)).unwrap();
        assert_eq!(writer.status, Some(DeskStatus::Draft));
        assert_eq!(writer.author, Some(UserId(7)));
        assert!(writer.sent_back_first);
        let editor = DeskFilter::parse(&params(None), &signed_in(Role::Editor)).unwrap();
        assert_eq!(editor.status, Some(DeskStatus::InReview));
        assert_eq!(editor.author, None);
        let every = DeskFilter::parse(&params(Some("any")), &signed_in(Role::Editor)).unwrap();
        assert_eq!(every.status, None);
    }

    #[test]
    fn a_writer_cannot_ask_for_someone_elses_work() {
        let asked = DeskParams {
            author: Some("3".to_owned()),
            ..params(Some("any"))
        };
        let filter = DeskFilter::parse(&asked, &signed_in(Role::Writer)).unwrap();
        assert_eq!(filter.author, Some(UserId(7)));
    }

    #[test]
    fn unknown_values_are_refused() {
        let editor = signed_in(Role::Editor);
        for (params, why) in [
            (params(Some("lost")), "no such status"),
            (
                DeskParams {
                    sort: Some("sideways".to_owned()),
                    ..Default::default()
                },
                "no such order",
            ),
            (
                DeskParams {
                    author: Some("ana".to_owned()),
                    ..Default::default()
                },
                "an author is an id",
            ),
            (
                DeskParams {
                    after: Some("1_yesterday_4".to_owned()),
                    ..Default::default()
                },
                "a cursor carries a time",
            ),
        ] {
            assert!(DeskFilter::parse(&params, &editor).is_err(), "{why}");
        }
    }

    #[test]
    fn a_cursor_reads_back_what_it_wrote() {
        let cursor = DeskCursor {
            rank: 1,
            updated_at: Moment::parse("2026-03-04T05:06:07Z").unwrap(),
            id: 42,
        };
        assert_eq!(DeskCursor::parse(&cursor.to_param()), Some(cursor));
    }

    #[test]
    fn writers_take_or_give_back_only_their_own_assignment() {
        let writer = signed_in(Role::Writer);
        let (me, other) = (Some(UserId(7)), Some(UserId(3)));
        assert!(may_assign(&writer, None, me).is_ok());
        assert!(may_assign(&writer, me, None).is_ok());
        assert!(may_assign(&writer, None, other).is_err());
        assert!(may_assign(&writer, other, me).is_err());
        assert!(may_assign(&signed_in(Role::Editor), other, me).is_ok());
    }
}
