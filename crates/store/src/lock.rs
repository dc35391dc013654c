//! One writing process at a time for a SQLite store.
//!
//! A writer keeps the store's story indexes in memory between its
//! transactions: the next story number, each story's profile, the wire-copy
//! signatures. A second process writing to the same file at the same time
//! would decide from indexes that miss the first one's stories, and both
//! would give out the same story numbers. So a process that writes holds an
//! exclusive lock on a file beside the store (`store.db-lock`) for as long as
//! it writes; another writer waits for it. Readers take no lock: SQLite
//! serves them a consistent view while a writer commits.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::{Result, StoreError};

/// The lock of a SQLite store's writer, released when dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the writer's lock of the store at `db`, calling `waiting` with
    /// the lock file's path first if another process holds it, then waiting
    /// for it.
    pub fn acquire(db: &Path, waiting: impl FnOnce(&Path)) -> Result<WriterLock> {
        let path = lock_path(db);
        let fail =
            |e: std::io::Error| StoreError::Open { path: path.display().to_string(), reason: e.to_string() };
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(fail)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting(&path);
                file.lock().map_err(fail)?;
            }
            Err(TryLockError::Error(e)) => return Err(fail(e)),
        }
        Ok(WriterLock { _file: file })
    }
}

/// What a writer tells its user while it waits for another: the store, the
/// lock file, and who may hold it.
pub fn waiting_line(db: &Path, lock: &Path) -> String {
    format!(
        "waiting for another process writing to {} to finish (it holds {}; a `serve` given a token \
         writes as long as it runs)",
        db.display(),
        lock.display()
    )
}

/// `store.db` → `store.db-lock`, beside SQLite's own `-wal` and `-shm`; the
/// store's path resolved first, so that two names of one file (a symbolic
/// link, a relative path) share one lock.
pub fn lock_path(db: &Path) -> PathBuf {
    let resolved = std::fs::canonicalize(db).ok().or_else(|| {
        let parent = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Some(std::fs::canonicalize(parent).ok()?.join(db.file_name()?))
    });
    let mut name = resolved.unwrap_or_else(|| db.to_path_buf()).into_os_string();
    name.push("-lock");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        let first = WriterLock::acquire(&db, |_| panic!("nobody holds it yet")).unwrap();
        assert!(lock_path(&db).ends_with("store.db-lock"));
        // Another name of the same store shares its lock.
        let link = dir.path().join("link.db");
        std::fs::write(&db, b"").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&db, &link).unwrap();
            assert_eq!(lock_path(&link), lock_path(&db));
        }
        // The lock belongs to the open file, so a second open, even in this
        // process, waits as another process would.
        let (told, heard) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let lock = WriterLock::acquire(&db, |path| told.send(path.to_path_buf()).unwrap()).unwrap();
            drop(lock);
        });
        let path = heard.recv().unwrap();
        assert!(path.ends_with("store.db-lock"));
        assert!(!waiter.is_finished(), "the second writer waits for the first");
        drop(first);
        waiter.join().unwrap();
    }
}
