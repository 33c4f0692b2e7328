//! Command-line flags and environment settings, with their defaults.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "factdesk",
    version,
    about = "A fact-check claim tracker: claims, sources and verdicts, published as readable pages."
)]
pub struct Cli {
    /// The SQLite database file (created and migrated if needed).
    #[arg(
        long,
        global = true,
        env = "FACTDESK_DB",
        default_value = "factdesk.db"
    )]
    pub db: PathBuf,

    /// This database is replicated by Litestream: leave WAL checkpoints to it (see README,
    /// "Running on more than one machine"). Give it to every command run on such a file.
    #[arg(long, global = true, env = "FACTDESK_UNDER_LITESTREAM")]
    pub litestream: bool,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// `factdesk` alone serves, with these options.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve(ServeArgs),
    /// Manage editor accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Write every public fact-check as ClaimReview, JSON or CSV, or every kept copy of a
    /// cited page as WARC.
    Export(ExportArgs),
    /// Import ClaimReview JSON-LD (one record, a list, a DataFeed or an @graph) and publish it.
    Import(ImportArgs),
    /// Copy the database to a new file, consistently, even while the server runs.
    Backup(BackupArgs),
    /// Re-check cited pages whose check is due (for cron), then print a summary line.
    CheckLinks(CheckLinksArgs),
    /// Fill a new database with generated fact-checks, for benchmarks.
    Generate {
        /// How many published fact-checks to make.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// The same seed makes the same database.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// claimreview: a schema.org DataFeed; json: every field; csv: the main columns;
    /// warc: the cited pages' snapshots, for web archives (write it to a .warc.gz).
    #[arg(long, value_enum)]
    pub format: crate::exchange::Format,

    /// The file to write (replaced if it exists); standard output when absent.
    #[arg(long)]
    pub out: Option<PathBuf>,

    /// With --format csv: start the file with a UTF-8 byte order mark, which Excel on
    /// Windows needs to show names in other scripts correctly.
    #[arg(long)]
    pub excel: bool,

    /// The site's public address, for the fact-checks' links.
    #[arg(long, env = "FACTDESK_BASE_URL", default_value = "http://127.0.0.1:3000",
          value_parser = parse_base_url)]
    pub base_url: String,

    /// The newsroom's name, as the author of its fact-checks.
    #[arg(long, env = "FACTDESK_SITE_NAME", default_value = "Factdesk")]
    pub site_name: String,
}

#[derive(Debug, Clone, Args)]
pub struct CheckLinksArgs {
    /// Check every watched page now, not only those due.
    #[arg(long)]
    pub all: bool,

    /// Hours until each page checked is due again (spread over a further quarter of it).
    /// Reads FACTDESK_LINK_CHECK_HOURS like `serve`, where 0 turns the background watch
    /// off for cron: here 0 means the default, a day.
    #[arg(long, env = "FACTDESK_LINK_CHECK_HOURS", default_value_t = 24,
          value_parser = clap::value_parser!(u32).range(0..=8760))]
    pub every_hours: u32,

    /// Let the check reach loopback and private addresses (an intranet, tests). Off by
    /// default, as for `serve`.
    #[arg(long, env = "FACTDESK_ALLOW_PRIVATE_FETCH")]
    pub allow_private_fetch: bool,

    /// The site's public address, named in the User-Agent sites see.
    #[arg(long, env = "FACTDESK_BASE_URL", default_value = "http://127.0.0.1:3000",
          value_parser = parse_base_url)]
    pub base_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// A JSON-LD file, or `-` for standard input.
    pub file: PathBuf,

    /// The account the fact-checks are saved under (an editor or admin); the first admin
    /// when absent.
    #[arg(long)]
    pub author: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// Where to write the copy.
    pub path: PathBuf,

    /// Replace the file at PATH if there is one.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "FACTDESK_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,

    /// Do not load demo fact-checks or create a demo editor in a new database.
    #[arg(long)]
    pub no_demo: bool,

    /// The site's public address, for canonical links and ClaimReview data; requests for
    /// any other host are refused. Without it, the address listened on (every loopback name).
    #[arg(long, env = "FACTDESK_BASE_URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,

    /// Another host name (`name` for any port, or `name:port`) the site answers for.
    /// Repeat it, or separate names with commas.
    #[arg(
        long = "allowed-host",
        value_name = "HOST",
        env = "FACTDESK_ALLOWED_HOSTS",
        value_delimiter = ',',
        value_parser = crate::domain::AllowedHosts::check_entry
    )]
    pub allowed_hosts: Vec<String>,

    /// A reverse proxy (address or CIDR block) whose X-Forwarded-For names the client, for
    /// the sign-in throttle and the log. Repeat it, or separate entries with commas.
    #[arg(long = "trusted-proxy", value_name = "ADDRESS/CIDR", env = "FACTDESK_TRUSTED_PROXIES",
          value_delimiter = ',', value_parser = parse_trusted_proxy)]
    pub trusted_proxies: Vec<crate::domain::IpNet>,

    /// The newsroom's name, as the author of its fact-checks.
    #[arg(long, env = "FACTDESK_SITE_NAME", default_value = "Factdesk")]
    pub site_name: String,

    /// Cache-Control for public pages, feeds and the API (editor pages are never cached).
    #[arg(long, env = "FACTDESK_CACHE_CONTROL",
          default_value = crate::config::DEFAULT_CACHE_CONTROL,
          value_parser = parse_cache_control)]
    pub cache_control: String,

    /// Sign editors out after this many hours without a request.
    #[arg(long, env = "FACTDESK_SESSION_IDLE_HOURS", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=720))]
    pub session_idle_hours: u32,

    /// Seconds a client has to send a request's headers; a connection idle this long
    /// between requests is closed too.
    #[arg(long, env = "FACTDESK_HEADER_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub header_timeout: u64,

    /// Seconds a client has to send a whole request body (forms are at most 256 KiB).
    #[arg(long, env = "FACTDESK_BODY_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub body_timeout: u64,

    /// Open connections at most; by default as many as the open-file limit allows
    /// (raised to its hard limit at start), less 64 for the database and logs.
    #[arg(long, env = "FACTDESK_MAX_CONNECTIONS",
          value_parser = clap::value_parser!(u64).range(16..=1_000_000))]
    pub max_connections: Option<u64>,

    /// Let "Fetch details", captures and the link watch reach loopback and private addresses (an intranet, tests). Off by
    /// default: the server fetches addresses people type, and must not become a way into
    /// the network it runs in.
    #[arg(long, env = "FACTDESK_ALLOW_PRIVATE_FETCH")]
    pub allow_private_fetch: bool,

    /// Hours between the link watch's checks of each cited page (daily by default, spread
    /// out); 0 turns the background watch off, for a newsroom that runs
    /// `factdesk check-links` from cron instead.
    #[arg(long, env = "FACTDESK_LINK_CHECK_HOURS", default_value_t = 24,
          value_parser = clap::value_parser!(u32).range(0..=8760))]
    pub link_check_hours: u32,

    /// Searches and other slow reads that may wait for a thread; more get a 503.
    #[arg(long, env = "FACTDESK_SLOW_READ_QUEUE", default_value_t = 32,
          value_parser = clap::value_parser!(u64).range(0..=10_000))]
    pub slow_read_queue: u64,

    /// Days a tip's contact email is kept before it is deleted.
    #[arg(long, env = "FACTDESK_TIP_EMAIL_DAYS", default_value_t = 90,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub tip_email_days: u32,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an editor. The password is read from standard input when it is piped,
    /// otherwise one is generated and printed.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// writer, editor or admin. The first account is always an admin.
        #[arg(long, value_parser = ["writer", "editor", "admin"])]
        role: Option<String>,
    },
}

/// An absolute http(s) address with no query or fragment.
fn parse_base_url(raw: &str) -> Result<String, String> {
    let url = url::Url::parse(raw.trim()).map_err(|e| format!("not a web address: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("must start with http:// or https://".to_owned());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("must not have a query or fragment".to_owned());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn parse_trusted_proxy(raw: &str) -> Result<crate::domain::IpNet, String> {
    crate::domain::IpNet::parse(raw)
}

/// Text a response header can carry.
fn parse_cache_control(raw: &str) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() || axum::http::HeaderValue::from_str(value).is_err() {
        return Err(
            "must be a Cache-Control header value, such as \"public, max-age=60\"".to_owned(),
        );
    }
    Ok(value.to_owned())
}
