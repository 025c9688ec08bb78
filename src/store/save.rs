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
