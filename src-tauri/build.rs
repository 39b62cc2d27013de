//! Build script of the desktop shell: reads `../tauri.conf.json` (the one config of the app, kept
//! at the repository root) and declares every app command of `src/commands/list.rs`, so Tauri
//! generates an `allow-<command>` permission for each. It also writes `capabilities/main.json`
//! from the same list, granting the main window each command and nothing of Tauri's core; the
//! file is committed so a reviewer sees the grants. Under CI (`CI` set) a stale file fails the
//! build instead of being rewritten, so a command added without its grant being committed is
//! caught. A command missing from the list cannot be granted, so the web view cannot call it.

use std::path::Path;

include!("src/commands/list.rs");

macro_rules! command_names {
    ($($module:ident::$command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

/// Every app command, in the list's order.
const COMMANDS: &[&str] = with_app_commands!(command_names);

const CAPABILITY: &str = "capabilities/main.json";

const CAPABILITY_DESCRIPTION: &str = "The main window: the app's own commands, one by one, and \
nothing of Tauri's core. The UI only calls `invoke`, which needs no core permission; add a core \
permission here only when the UI starts using that API.";

/// The capability file's text: laid out by hand so its key order and indentation never depend on
/// a JSON library's features; each string is escaped by serde_json.
fn capability_json(commands: &[&str]) -> String {
    let text = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let permissions: Vec<String> = commands
        .iter()
        .map(|command| {
            format!(
                "    {}",
                text(&format!("allow-{}", command.replace('_', "-")))
            )
        })
        .collect();
    format!(
        "{{\n  \"$schema\": {},\n  \"identifier\": \"main\",\n  \"description\": {},\n  \
         \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        text("../gen/schemas/desktop-schema.json"),
        text(CAPABILITY_DESCRIPTION),
        permissions.join(",\n"),
    )
}

/// Brings `capabilities/main.json` up to date with the list (before tauri-build reads it).
fn write_capability() {
    let path = Path::new(CAPABILITY);
    let wanted = capability_json(COMMANDS);
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if current == wanted {
        return;
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{CAPABILITY} is stale: it does not grant exactly the commands of \
             src/commands/list.rs. Build once without CI set and commit the rewritten file."
        );
    }
    std::fs::write(path, wanted).unwrap_or_else(|e| panic!("cannot write {CAPABILITY}: {e}"));
}

fn main() {
    // tauri-build's own rerun-if-changed lines replace Cargo's default of watching every file.
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    println!("cargo:rerun-if-env-changed=CI");
    write_capability();
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
