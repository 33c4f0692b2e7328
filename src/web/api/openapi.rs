//! `/api/v1/openapi.json`: the API described as OpenAPI 3.1, derived by utoipa from the
//! answer types and query structs the handlers use, so the document cannot drift from them.

use super::changes::{self, ChangesPage};
use super::fact_checks::{self as lists_of_fact_checks};
use super::lists::{self, ClaimantEntry, RatingEntry};
use super::views::{Detail, Item};
use super::{ApiError, ListPage};
use crate::error::AppError;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa::ToSchema;

/// Every error's body: `{"error": {"status": 400, "message": "…"}}`.
#[derive(Serialize, ToSchema)]
pub(super) struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
struct ErrorDetail {
    /// The HTTP status, repeated.
    status: u16,
    /// What was wrong, in words for the person who wrote the request.
    message: String,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Factdesk JSON API",
        version = "1",
        description = "Published fact-checks, read-only, no key. See docs/api.md for the worked examples."
    ),
    paths(
        lists_of_fact_checks::list_operation,
        lists_of_fact_checks::detail_operation,
        changes::changes_operation,
        lists::claimants_operation,
        lists::ratings_operation,
    ),
    components(schemas(
        ErrorBody,
        Detail,
        Item,
        ChangesPage,
        ClaimantEntry,
        RatingEntry,
        ListPage<Item>,
        ListPage<ClaimantEntry>,
        ListPage<RatingEntry>
    ))
)]
struct Document;

/// The document as JSON, built once. It names no server: its paths are relative to the
/// address it was read from, which OpenAPI takes as "/" when `servers` is left out.
fn document_json() -> Result<&'static str, AppError> {
    static JSON: OnceLock<String> = OnceLock::new();
    if let Some(json) = JSON.get() {
        return Ok(json);
    }
    let json = Document::openapi()
        .to_json()
        .map_err(|e| AppError::Internal(format!("cannot encode the OpenAPI document: {e}")))?;
    Ok(JSON.get_or_init(|| json))
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Result<Response, ApiError> {
    let json = document_json()?;
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        json,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::Document;
    use utoipa::OpenApi;
    use utoipa::openapi::path::ParameterIn;

    /// A kept copy is keyed on the parameters its page reads (`web::kept`): a parameter the
    /// API documents but the key leaves out would be answered from another request's copy.
    #[test]
    fn every_documented_query_parameter_keys_the_kept_copy_of_its_answer() {
        let doc = Document::openapi();
        for (path, item) in &doc.paths.paths {
            let Some(get) = &item.get else { continue };
            let Some((reads, fresh_with)) = crate::web::kept::kept_parameters(path) else {
                continue; // never kept: every request is answered afresh
            };
            for parameter in get.parameters.iter().flatten() {
                if matches!(parameter.parameter_in, ParameterIn::Query) {
                    let name = parameter.name.as_str();
                    assert!(
                        reads.contains(&name) || fresh_with.contains(&name),
                        "{path} documents `{name}`, which its kept copy's key leaves out"
                    );
                }
            }
        }
    }

    #[test]
    fn the_document_is_openapi_3_1_and_describes_every_api_address() {
        let doc = Document::openapi();
        let json = serde_json::to_value(&doc).expect("the document encodes");
        assert_eq!(json["openapi"], "3.1.0");
        let paths: Vec<&String> = doc.paths.paths.keys().collect();
        for path in [
            "/api/v1/fact-checks",
            "/api/v1/fact-checks/{slug}",
            "/api/v1/changes",
            "/api/v1/claimants",
            "/api/v1/ratings",
        ] {
            assert!(
                paths.iter().any(|p| *p == path),
                "{path} is missing: {paths:?}"
            );
        }
    }
}
