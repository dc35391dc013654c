//! `corroborate verify` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_db: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not available yet")
}
