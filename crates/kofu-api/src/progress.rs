//! Progress and cancellation of long work (imports and pulls).
//!
//! The front that started the work keeps an `Arc<Progress>`, shows [`Progress::snapshot`] (a
//! progress bar) and may call [`Progress::cancel`]. The work calls [`Progress::advance`] as it
//! goes and [`Progress::check`] between units; a cancelled check returns an error, so the work's
//! transaction rolls back and nothing is half-written.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use serde::Serialize;
use ts_rs::TS;

use crate::{Error, Result};

/// Where a long piece of work stands.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
    stage: Mutex<String>,
}

/// A moment of [`Progress`], as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgressSnapshot {
    /// What is being done now, in Japanese (e.g. 「完了通知を取得中 (2026-10-03)」).
    pub stage: String,
    #[ts(type = "number")]
    pub done: u64,
    /// 0 while unknown.
    #[ts(type = "number")]
    pub total: u64,
    pub cancelled: bool,
}

impl Progress {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a stage of `total` units (0 when unknown).
    pub fn stage(&self, stage: impl Into<String>, total: u64) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = stage.into();
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn advance(&self, units: u64) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }

    /// Asks the work to stop at its next [`Self::check`].
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// `Err(cancelled)` once [`Self::cancel`] was called.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            return Err(Error::Rule {
                code: crate::ErrorCode::Cancelled,
                message: "中止しました。取り込みは行われず、データは変更されていません。".into(),
                detail: "cancelled by the user; nothing was stored".into(),
                details: vec![],
            });
        }
        Ok(())
    }

    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            stage: self.stage.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            cancelled: self.is_cancelled(),
        }
    }
}

/// A reader that reports the bytes it has read to a [`Progress`].
pub struct CountingReader<'p, R> {
    inner: R,
    progress: &'p Progress,
}

impl<'p, R> CountingReader<'p, R> {
    pub fn new(inner: R, progress: &'p Progress) -> Self {
        Self { inner, progress }
    }
}

impl<R: std::io::Read> std::io::Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_cancelled_progress_refuses_the_next_check() {
        let p = Progress::new();
        p.stage("取込中", 10);
        p.advance(3);
        assert!(p.check().is_ok());
        p.cancel();
        let e = p.check().expect_err("cancelled");
        assert_eq!(e.code(), "cancelled");
        let s = p.snapshot();
        assert_eq!((s.done, s.total, s.cancelled), (3, 10, true));
    }

    #[test]
    fn the_counting_reader_reports_bytes_read() {
        let p = Progress::new();
        let mut out = String::new();
        CountingReader::new("abcdef".as_bytes(), &p)
            .read_to_string(&mut out)
            .expect("read");
        assert_eq!(p.snapshot().done, 6);
    }
}
