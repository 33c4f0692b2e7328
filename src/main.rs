//! The `factdesk` command: parse arguments, open the database, then serve or manage it.

use clap::Parser;
use factdesk::config::{Cli, Command, ServeArgs, UserCommand};
use factdesk::db::{Db, users};
use factdesk::domain::{Moment, NewUser, Role, generate_password};
use factdesk::{AppState, app, demo};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "factdesk=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("factdesk: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        None => serve(&cli.db, &cli.serve),
        Some(Command::Serve(args)) => serve(&cli.db, &args),
        Some(Command::Migrate) => {
            Db::open(&cli.db).map_err(|e| e.to_string())?;
            println!("{} is migrated to the latest schema.", cli.db.display());
            Ok(())
        }
        Some(Command::User(UserCommand::Add { email, name, role })) => {
            add_user(&cli.db, &email, &name, role.as_deref())
        }
        Some(Command::Generate { count, seed }) => generate(&cli.db, count, seed),
    }
}

fn generate(path: &std::path::Path, count: usize, seed: u64) -> Result<(), String> {
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    if !opened.db.is_unused().map_err(|e| e.to_string())? {
        return Err(format!(
            "{} already holds data; generate into a new file",
            path.display()
        ));
    }
    let started = std::time::Instant::now();
    let terminal = std::io::stderr().is_terminal();
    factdesk::generate::generate(&opened.db, count, seed, |done| {
        if terminal {
            eprint!("\r{}", progress_bar(done, count));
        }
    })
    .map_err(|e| e.to_string())?;
    if terminal {
        eprintln!();
    }
    println!(
        "{count} fact-checks generated into {} in {:.1} s.",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// "[#######.............]  35% 35000/100000"
fn progress_bar(done: usize, total: usize) -> String {
    let width = 30;
    let filled = done * width / total.max(1);
    format!(
        "[{}{}] {:>3}% {done}/{total}",
        "#".repeat(filled),
        ".".repeat(width - filled),
        done * 100 / total.max(1)
    )
}

fn serve(path: &std::path::Path, args: &ServeArgs) -> Result<(), String> {
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
        println!("Factdesk is serving http://{local}/ (press Ctrl-C to stop)");
        // Without TCP_NODELAY small responses wait on delayed ACKs (see STACK.md).
        let listener = axum::serve::ListenerExt::tap_io(listener, |stream| {
            let _ = stream.set_nodelay(true);
        });
        let mut state = AppState::new(opened.db);
        state.session_idle = chrono::Duration::hours(i64::from(args.session_idle_hours));
        state.site = std::sync::Arc::new(factdesk::app::Site::new(&args.site_name, &args.base_url));
        state.cache_control = axum::http::HeaderValue::from_str(&args.cache_control)
            .map_err(|e| format!("--cache-control: {e}"))?;
        // The peer address feeds the sign-in throttle and the log.
        let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("server stopped: {e}"))
    })
}

fn add_user(
    path: &std::path::Path,
    email: &str,
    name: &str,
    role: Option<&str>,
) -> Result<(), String> {
    let role = role.map(Role::parse).transpose()?;
    let stdin = std::io::stdin();
    let (password, generated) = if stdin.is_terminal() {
        (generate_password()?, true)
    } else {
        let mut text = String::new();
        stdin
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        // Only the line ending a pipe adds is dropped: spaces are part of the password.
        let line = text.lines().next().unwrap_or_default().to_owned();
        (line, false)
    };
    let user = NewUser::parse(email, name, &password).map_err(|errors| {
        errors
            .iter()
            .map(|(_, message)| message)
            .collect::<Vec<_>>()
            .join(" ")
    })?;
    let hash = user.password.hash()?;
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let (_, role) = opened
        .db
        .write_blocking(|tx| {
            users::create(
                tx,
                user.email.as_str(),
                &user.name,
                &hash,
                role,
                Moment::now(),
            )
        })
        .map_err(|e| match e {
            factdesk::error::AppError::Invalid(errors) => errors
                .iter()
                .map(|(_, message)| message)
                .collect::<Vec<_>>()
                .join(" "),
            other => other.to_string(),
        })?;
    println!(
        "{} {} <{}> created.",
        role.label(),
        user.name,
        user.email.as_str()
    );
    if generated {
        println!("password: {password}");
    }
    Ok(())
}
