//! The `factdesk` command: parse arguments, open the database, then serve or manage it.

use clap::Parser;
use factdesk::config::{BackupArgs, Cli, Command, ExportArgs, ImportArgs, ServeArgs, UserCommand};
use factdesk::db::{Db, SlowReadLimits, exchange as exchange_db, users};
use factdesk::domain::{Moment, NewUser, Role, generate_password};
use factdesk::exchange::{self, Progress};
use factdesk::{AppState, app, demo, server};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;
use std::time::Duration;

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
        Some(Command::Export(args)) => export(&cli.db, &args),
        Some(Command::Import(args)) => import(&cli.db, &args),
        Some(Command::Backup(args)) => backup(&cli.db, &args),
        Some(Command::Generate { count, seed }) => generate(&cli.db, count, seed),
    }
}

/// Export and import work on a newsroom's database; a mistyped --db should not quietly
/// create an empty one.
fn existing(path: &std::path::Path) -> Result<(), String> {
    if path.is_file() {
        Ok(())
    } else {
        Err(format!(
            "there is no database at {} (choose one with --db)",
            path.display()
        ))
    }
}

fn export(path: &std::path::Path, args: &ExportArgs) -> Result<(), String> {
    existing(path)?;
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let site = factdesk::app::Site::new(&args.site_name, &args.base_url);
    let mut progress = Progress::new("exporting");
    match &args.out {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            exchange::export(&opened.db, args.format, &site, &mut out, &mut progress)?;
        }
        Some(file) => {
            // Written beside the target and renamed, so a failed export leaves no torn file.
            let partial = file.with_extension("partial");
            let written = std::fs::File::create(&partial)
                .map_err(|e| format!("cannot write {}: {e}", partial.display()))
                .and_then(|f| {
                    let mut out = std::io::BufWriter::new(f);
                    exchange::export(&opened.db, args.format, &site, &mut out, &mut progress)
                })
                .and_then(|count| {
                    std::fs::rename(&partial, file)
                        .map(|()| count)
                        .map_err(|e| format!("cannot write {}: {e}", file.display()))
                });
            match written {
                Ok(count) => eprintln!("{count} fact-checks written to {}.", file.display()),
                Err(message) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(message);
                }
            }
        }
    }
    Ok(())
}

fn import(path: &std::path::Path, args: &ImportArgs) -> Result<(), String> {
    let from_stdin = args.file.as_os_str() == "-";
    let shown = if from_stdin {
        "standard input".to_owned()
    } else {
        args.file.display().to_string()
    };
    // Read as it is imported, so a large file never has to fit in memory.
    let input: Box<dyn std::io::Read> = if from_stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&args.file).map_err(|e| format!("cannot read {shown}: {e}"))?)
    };
    existing(path)?;
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let author = opened
        .db
        .read(|conn| Ok(exchange_db::import_author(conn, args.author.as_deref())))
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    let mut progress = Progress::new("importing");
    let summary = exchange::import::run(
        &opened.db,
        input,
        &author,
        &mut progress,
        |position, reason| eprintln!("record {position}: {reason}"),
    )
    .map_err(|e| format!("{shown}: {e}"))?;
    println!("{summary}");
    if summary.failed > 0 {
        return Err(format!(
            "{} of the records in {shown} were not imported (see above)",
            summary.failed
        ));
    }
    Ok(())
}

fn backup(path: &std::path::Path, args: &BackupArgs) -> Result<(), String> {
    let mut progress = Progress::new("backing up (pages)");
    exchange_db::backup(path, &args.path, args.force, |done, total| {
        progress.tick(done.max(0) as usize, total.max(0) as usize)
    })
    .map_err(|e| e.to_string())?;
    progress.finish();
    println!("{} backed up to {}.", path.display(), args.path.display());
    Ok(())
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
    let mut progress = Progress::new("generating");
    factdesk::generate::generate(&opened.db, count, seed, |done| progress.tick(done, count))
        .map_err(|e| e.to_string())?;
    progress.finish();
    println!(
        "{count} fact-checks generated into {} in {:.1} s.",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
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
        let mut state = factdesk::app::Settings::new(opened.db);
        state.session_idle = chrono::Duration::hours(i64::from(args.session_idle_hours));
        state.set_site(
            &args.site_name,
            args.base_url.as_deref(),
            &args.allowed_hosts,
            local,
        )?;
        state.trusted_proxies = std::sync::Arc::new(factdesk::domain::TrustedProxies::new(
            args.trusted_proxies.clone(),
        ));
        factdesk::jobs::start(state.db.clone(), state.session_idle);
        state.cache_control = axum::http::HeaderValue::from_str(&args.cache_control)
            .map_err(|e| format!("--cache-control: {e}"))?;
        state.body_timeout = Duration::from_secs(args.body_timeout);
        println!(
            "Factdesk is serving http://{local}/ (at most {} connections; press Ctrl-C to stop)",
            limits.max_connections
        );
        server::serve(listener, app(AppState::from(state)), limits, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
        Ok(())
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
