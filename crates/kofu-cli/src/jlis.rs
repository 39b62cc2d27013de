//! `kofu jlis show|set`, `kofu jlis token set|clear`, `kofu jlis certificate-password set|clear`:
//! the J-LIS connection (the use cases are `kofu_api::jlis`).
//!
//! A secret is read from stdin, never from an argument (arguments show in process lists and
//! shell histories): one line, or a hidden prompt when stdin is a terminal.

use std::io::{BufRead, IsTerminal};

use kofu_api::jlis::{JlisSecret, JlisSettings, JlisSettingsInput, Secret};
use kofu_core::DomainError;

use crate::args::*;
use crate::desk::{open, sign_in, Result};
use crate::output::emit;

pub fn jlis(cli: &Cli, cmd: &JlisCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let (settings, done) = match cmd {
        JlisCommand::Show => (desk.jlis_settings(&actor)?, None),
        JlisCommand::Set {
            url,
            client_certificate,
            extra_ca,
        } => {
            let current = desk.jlis_settings(&actor)?;
            let keep = |given: &Option<String>, stored: Option<String>| match given {
                Some(v) => Some(v.clone()),
                None => stored,
            };
            let input = JlisSettingsInput {
                base_url: keep(url, current.base_url),
                client_certificate_path: keep(client_certificate, current.client_certificate_path),
                extra_ca_path: keep(extra_ca, current.extra_ca_path),
            };
            (
                desk.set_jlis_settings(&actor, &input)?,
                Some("J-LIS接続の設定を保存しました。".to_string()),
            )
        }
        JlisCommand::Token(c) | JlisCommand::CertificatePassword(c) => {
            let which = match cmd {
                JlisCommand::Token(_) => JlisSecret::Token,
                _ => JlisSecret::CertificatePassword,
            };
            match c {
                JlisSecretCommand::Set => {
                    let value = read_secret(which)?;
                    (
                        desk.set_jlis_secret(&actor, which, &value)?,
                        Some(format!(
                            "{}をOSの資格情報ストアに保存しました。",
                            which.label_ja()
                        )),
                    )
                }
                JlisSecretCommand::Clear => (
                    desk.clear_jlis_secret(&actor, which)?,
                    Some(format!(
                        "{}をOSの資格情報ストアから削除しました。",
                        which.label_ja()
                    )),
                ),
            }
        }
    };
    emit(cli.json, &settings, || match done {
        Some(done) => format!("{done}\n{}", show(&settings)),
        None => show(&settings),
    });
    Ok(())
}

fn show(s: &JlisSettings) -> String {
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "（なし）".into());
    let set = |yes: bool| if yes { "設定済み" } else { "未設定" };
    let mut url = or_none(&s.base_url);
    if s.url_from_env {
        url.push_str(&format!(
            "（環境変数 {} が優先されます）",
            kofu_api::jlis::URL_VAR
        ));
    }
    let mut token = set(s.token_set).to_string();
    if s.token_from_env {
        token.push_str(&format!(
            "（環境変数 {} が優先されます）",
            kofu_api::jlis::TOKEN_VAR
        ));
    }
    [
        format!("URL\t{url}"),
        format!("トークン\t{token}"),
        format!(
            "クライアント証明書\t{}",
            or_none(&s.client_certificate_path)
        ),
        format!("証明書のパスワード\t{}", set(s.certificate_password_set)),
        format!("追加のCA証明書\t{}", or_none(&s.extra_ca_path)),
    ]
    .join("\n")
}

/// One line from stdin (the line ending removed; the use case trims a token), or a hidden
/// prompt on a terminal.
fn read_secret(which: JlisSecret) -> Result<Secret> {
    let unreadable = |detail: String| {
        DomainError::new(
            which.as_str(),
            format!(
                "{}を標準入力から読めませんでした。1行で渡してください（例: kofu jlis token set < token.txt）。",
                which.label_ja()
            ),
            detail,
        )
    };
    let stdin = std::io::stdin();
    let line = if stdin.is_terminal() {
        rpassword::prompt_password(format!("{}: ", which.label_ja()))
            .map_err(|e| unreadable(format!("prompt: {e}")))?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| unreadable(format!("stdin: {e}")))?;
        line
    };
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() {
        return Err(DomainError::new(
            which.as_str(),
            format!(
                "{}が空です。標準入力に1行で渡してください。",
                which.label_ja()
            ),
            "nothing on stdin",
        )
        .into());
    }
    Ok(Secret::new(line))
}
