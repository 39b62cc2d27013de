//! Dispatch: each subcommand to the module that parses its arguments, calls the use case and
//! prints. The shared parts (database, sign-in, argument values) are in [`crate::desk`].

use crate::args::*;
use crate::desk::Result;
use crate::output::fail;
use crate::{audit, calendar, catalogue, documents, intake, invoice, jlis, profile, setup};

pub fn run(cli: &Cli) -> i32 {
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => fail(cli.json, &e),
    }
}

fn dispatch(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Init {
            admin,
            display_name,
            profile,
        } => setup::init(cli, admin, display_name.as_deref(), *profile),
        Command::Demo { months } => setup::demo(cli, *months),
        Command::User(cmd) => setup::user(cli, cmd),
        Command::Code(CodeCommand::Check { code }) => profile::check_code(cli, code),
        Command::Wareki { date } => calendar::wareki(cli, date),
        Command::Calendar(cmd) => calendar::calendar(cli, cmd),
        Command::Audit(AuditCommand::Verify) => audit::verify(cli),
        Command::Profile(cmd) => profile::profile(cli, cmd),
        Command::Catalogue(cmd) => catalogue::catalogue(cli, cmd),
        Command::Hours(cmd) => catalogue::hours(cli, cmd),
        Command::Service(cmd) => catalogue::service(cli, cmd),
        Command::Suspension(cmd) => catalogue::suspension(cli, cmd),
        Command::Change(cmd) => catalogue::change(cli, cmd),
        Command::Correspondence(cmd) => catalogue::correspondence(cli, cmd),
        Command::Statement(cmd) => intake::statement(cli, cmd),
        Command::Notices(cmd) => intake::notices(cli, cmd),
        Command::Reconcile { month } => intake::reconcile(cli, month),
        Command::Settlement(cmd) => invoice::settlement(cli, cmd),
        Command::Invoice(cmd) => invoice::invoice(cli, cmd),
        Command::Jlis(cmd) => jlis::jlis(cli, cmd),
        Command::DocumentNumbers(cmd) => documents::document_numbers(cli, cmd),
    }
}
