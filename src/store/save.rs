//! Writing the minutes: all or nothing, durable before we say "saved".

use std::io::Write;
use std::path::Path;

use atomic_write_file::AtomicWriteFile;

use crate::domain::minutes::Minutes;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot turn the minutes into YAML: {0}")]
    Yaml(#[from] serde_yaml::Error),
}

/// The YAML text of the minutes, written as given (see `Minutes::for_saving`).
pub fn minutes_yaml(minutes: &Minutes) -> Result<String, SaveError> {
    let body = serde_yaml::to_string(minutes)?;
    Ok(format!(
        "# Minutes written by gavel; see the README for the format. Edit only while gavel is closed.\n{body}"
    ))
}

/// Writes to a temporary file in the same folder, fsyncs it, renames it over the old file and
/// fsyncs the folder (atomic-write-file does all four), so a crash leaves the old or the new file.
pub fn save_minutes(path: &Path, minutes: &Minutes) -> Result<(), SaveError> {
    let text = minutes_yaml(minutes)?;
    let io_error = |source| SaveError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut file = AtomicWriteFile::open(path).map_err(io_error)?;
    file.write_all(text.as_bytes()).map_err(io_error)?;
    file.commit().map_err(io_error)?;
    Ok(())
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {path}: the folder {folder} does not exist")]
    NoFolder { path: String, folder: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Writes a whole file or nothing, as the minutes are written: a temporary file beside it,
/// renamed over it once complete. A failure leaves no temporary file behind.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let folder = match path.parent() {
        Some(folder) if folder.as_os_str().is_empty() => Path::new("."),
        Some(folder) => folder,
        None => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(WriteError::NoFolder {
            path: shown,
            folder: folder.display().to_string(),
        });
    }
    let io_error = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    let mut file = AtomicWriteFile::open(path).map_err(io_error)?;
    file.write_all(bytes).map_err(io_error)?;
    file.commit().map_err(io_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_and_a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terugblik.md");
        write_file(&path, b"# Korte terugblik\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"# Korte terugblik\n");
        let missing = dir.path().join("nergens/terugblik.md");
        let error = write_file(&missing, b"x").unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the written file: {left:?}");
    }
}
