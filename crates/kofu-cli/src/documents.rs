//! `kofu document-numbers list|set KIND TEMPLATE`: the templates of the document numbers (the use
//! cases are `kofu_api::documents`).

use kofu_api::documents::DocumentNumberSetting;

use crate::args::*;
use crate::output::emit;
use crate::desk::{open, sign_in, Result};

pub fn document_numbers(cli: &Cli, cmd: &DocumentNumbersCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    match cmd {
        DocumentNumbersCommand::List => {
            let list = desk.document_numbers(&actor)?;
            emit(cli.json, &list, || {
                list.iter().map(line).collect::<Vec<_>>().join("\n")
            });
        }
        DocumentNumbersCommand::Set { kind, template } => {
            let set = desk.set_number_template(&actor, kind, template)?;
            emit(cli.json, &set, || {
                format!("{}の書式を変更しました。\n{}", set.label, line(&set))
            });
        }
    }
    Ok(())
}

fn line(s: &DocumentNumberSetting) -> String {
    format!(
        "{}\t{}\t次の番号: {}（{}）",
        s.label, s.template, s.next_number, s.fiscal_year
    )
}
