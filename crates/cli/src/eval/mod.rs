//! `corroborate eval`: measure a stage against a gold standard.

pub mod cluster;
pub mod entities;
pub mod extract;
pub mod fuse;
pub mod quotes;

use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Event clustering against gold clusters of a JSONL file.
    Cluster(cluster::Args),
    /// Main-content extraction from HTML pages against gold article bodies.
    Extract(extract::Args),
    /// Entity mentions and cross-document chains against ECB+ annotations.
    Entities(entities::Args),
    /// Quote attribution against PolNeAR annotations.
    Quotes(quotes::Args),
    /// Conflicts, corroborated claims and quote attributions of briefs against a gold file.
    Fuse(fuse::Args),
}

pub fn run(what: EvalCommand) -> anyhow::Result<ExitCode> {
    match what {
        EvalCommand::Cluster(args) => cluster::run(args),
        EvalCommand::Extract(args) => extract::run(args),
        EvalCommand::Entities(args) => entities::run(args),
        EvalCommand::Quotes(args) => quotes::run(args),
        EvalCommand::Fuse(args) => fuse::run(args),
    }
}
