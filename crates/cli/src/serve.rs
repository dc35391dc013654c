//! `corroborate serve`: the HTTP API and web UI over the store.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use corroborate_server::Config;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Bearer token that POST /api/articles requires; without one the server is read-only.
    #[arg(long, env = "CORROBORATE_TOKEN")]
    token: Option<String>,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    // Read-only, a server of a store that does not exist would serve nothing
    // (a mistyped --db); one that takes articles may start a new store.
    if args.token.as_deref().is_none_or(str::is_empty) {
        crate::commands::ensure_exists(db)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        let config = Config {
            db: db.to_path_buf(),
            token: args.token.filter(|t| !t.is_empty()),
            options: crate::commands::options(),
        };
        // The store first: a server that writes waits for another writer
        // before it takes connections it could not answer.
        let writable = if config.token.is_some() { "writes need the token" } else { "read-only" };
        let state = corroborate_server::open(config).await?;
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.addr))?;
        eprintln!("serving {} on http://{} ({writable})", db.display(), listener.local_addr()?);
        tokio::select! {
            served = corroborate_server::serve_state(listener, state) => served,
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
