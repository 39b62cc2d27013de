//! Throwaway databases for tests, on both backends (feature `testing`).
//!
//! SQLite: a file in a temporary folder. PostgreSQL: a fresh database on the server named by
//! `KOFU_TEST_POSTGRES_URL` (e.g. `postgres://kofu@127.0.0.1:55432/postgres`), dropped afterwards.
//! Without that variable the PostgreSQL half is skipped locally, but fails under CI (`CI` set),
//! so the shared suite never silently runs on one backend only.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::{DatabaseUrl, Store};

pub struct TestDb {
    pub store: Store,
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DatabaseUrl::Sqlite(dir.path().join("kofu.sqlite3"));
        let store = Store::open(&url).expect("open sqlite");
        Self {
            store,
            url,
            cleanup: Cleanup::Dir(dir),
        }
    }

    /// `None` when no test server is configured (and we are not in CI).
    pub fn postgres() -> Option<Self> {
        let admin_url = match std::env::var("KOFU_TEST_POSTGRES_URL") {
            Ok(u) if !u.is_empty() => u,
            _ if std::env::var_os("CI").is_some() => {
                panic!("KOFU_TEST_POSTGRES_URL must be set in CI: the PostgreSQL half of the suite must run")
            }
            _ => return None,
        };
        static N: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "kofu_t_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls)
            .expect("connect to the test server");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create test database");
        let (base, _) = admin_url
            .rsplit_once('/')
            .expect("URL with a database path");
        let url = DatabaseUrl::Postgres(format!("{base}/{name}"));
        let store = Store::open(&url).expect("open postgres");
        Some(Self {
            store,
            url,
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }

    /// A second, independent connection to the same database (another desk).
    pub fn reopen(&self) -> Store {
        Store::open(&self.url).expect("reopen")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            if let Ok(mut admin) = postgres::Client::connect(admin_url, postgres::NoTls) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// Generates one `#[test]` per backend for each listed function `fn(&TestDb)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $( #[test] fn $name() { let db = $crate::testing::TestDb::sqlite(); super::$name(&db); } )*
        }
        mod on_postgres {
            $( #[test] fn $name() {
                let Some(db) = $crate::testing::TestDb::postgres() else {
                    eprintln!("KOFU_TEST_POSTGRES_URL not set: PostgreSQL half skipped");
                    return;
                };
                super::$name(&db);
            } )*
        }
    };
}
