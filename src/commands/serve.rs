//! `factdesk serve`: open the database, bind, load the demo into a new one, apply the
//! flags to the settings, then serve until Ctrl-C.

use crate::cli::ServeArgs;
use crate::db::{Db, SlowReadLimits};
use crate::state::{AppState, Settings};
use crate::{app, demo, server};
use std::time::Duration;
use tokio::signal::unix::SignalKind;

pub(super) fn serve(path: &std::path::Path, args: &ServeArgs) -> Result<(), String> {
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start: {e}"))?;
    runtime.block_on(async {
        // Bind first: a port in use is reported before any data is written.
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        let local = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        if !args.no_demo && opened.db.is_unused().map_err(|e| e.to_string())? {
            let db = opened.db.clone();
            let editor = tokio::task::spawn_blocking(move || demo::load(&db))
                .await
                .map_err(|e| format!("cannot load demo data: {e}"))?
                .map_err(|e| format!("cannot load demo data: {e}"))?;
            println!("Demo data loaded into {}.", path.display());
            println!("Sign in at http://{local}/editor with:");
            println!("  email:    {}", editor.email);
            println!("  password: {}", editor.password);
            println!("(shown only this once; add accounts with `factdesk user add`)");
        }
        let capacity = server::connection_capacity();
        let limits = server::Limits {
            header_timeout: Duration::from_secs(args.header_timeout),
            max_connections: args
                .max_connections
                .map_or(capacity, |n| usize::try_from(n).unwrap_or(usize::MAX)),
            ..server::Limits::default()
        };
        if limits.max_connections > capacity {
            tracing::warn!(
                max_connections = limits.max_connections,
                capacity,
                "--max-connections is above what the open-file limit allows"
            );
        }
        opened.db.set_slow_read_limits(SlowReadLimits {
            queue: usize::try_from(args.slow_read_queue).unwrap_or(usize::MAX),
            ..SlowReadLimits::default()
        });
        let mut state = Settings::new(opened.db);
        state.session_idle = chrono::Duration::hours(i64::from(args.session_idle_hours));
        state.set_site(
            &args.site_name,
            args.base_url.as_deref(),
            &args.allowed_hosts,
            local,
        )?;
        if args.base_url.is_none()
            && let Some(warning) =
                crate::domain::AllowedHosts::unnamed_site_warning(local, &state.site.base_url)
        {
            tracing::warn!("{warning}");
        }
        state.trusted_proxies = std::sync::Arc::new(crate::domain::TrustedProxies::new(
            args.trusted_proxies.clone(),
        ));
        crate::jobs::start(state.db.clone(), state.session_idle);
        state.cache_control = axum::http::HeaderValue::from_str(&args.cache_control)
            .map_err(|e| format!("--cache-control: {e}"))?;
        state.body_timeout = Duration::from_secs(args.body_timeout);
        let policy = crate::fetch::AddressPolicy {
            allow_private: args.allow_private_fetch,
            ..crate::fetch::AddressPolicy::default()
        };
        state.fetcher = crate::fetch::Fetcher::new(
            policy,
            crate::fetch::FetchLimits::default(),
            &state.site.base_url,
        )?;
        crate::jobs::capture::start(state.db.clone(), state.fetcher.clone());
        state.tip_email_days = i64::from(args.tip_email_days);
        let keep_emails = chrono::Duration::days(state.tip_email_days);
        crate::jobs::tips::start(state.db.clone(), keep_emails);
        if args.link_check_hours > 0 {
            let every = chrono::Duration::hours(i64::from(args.link_check_hours));
            crate::jobs::link_watch::start(state.db.clone(), state.fetcher.clone(), every);
        }
        // Listened for before the first request is answered: `ctrl_c()` would only start
        // listening when the accept loop first polls it, and a Ctrl-C before that killed
        // the process without the graceful shutdown.
        let mut interrupt = tokio::signal::unix::signal(SignalKind::interrupt())
            .map_err(|e| format!("cannot listen for Ctrl-C: {e}"))?;
        println!(
            "Factdesk is serving http://{local}/ (at most {} connections; press Ctrl-C to stop)",
            limits.max_connections
        );
        server::serve(listener, app(AppState::from(state)), limits, async move {
            let _ = interrupt.recv().await;
        })
        .await;
        Ok(())
    })
}
