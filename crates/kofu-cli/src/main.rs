//! `kofu`: the scriptable surface of Kofu Desk (shared/CLI.md is its contract).
//!
//! Every subcommand parses its arguments, calls the same use case as the desktop app and prints
//! the result as text or, with `--json`, as one JSON document. Exit codes: 0 success, 1 refused
//! (the reason on stderr, and with `--json` an `{"error": …}` document on stdout), 2 usage error
//! (clap), 3 unexpected failure. No business rule lives here.

mod args;
mod audit;
mod calendar;
mod catalogue;
mod desk;
mod documents;
mod intake;
mod invoice;
mod jlis;
mod output;
mod profile;
mod run;
mod setup;

use clap::Parser;

fn main() {
    let cli = args::Cli::parse();
    let code = run::run(&cli);
    std::process::exit(code);
}
