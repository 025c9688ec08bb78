//! The command line: `gavel MEETING` runs the console, `gavel check FILE...` validates.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::Settings;
use crate::domain::meeting::parse_duration;
use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "gavel",
    version,
    about = "A keyboard-driven console for the chair and the clerk of a council meeting",
    long_about = "Opens a YAML meeting file, helps prepare it, times the items and speakers in the live \
meeting and records conclusions and commitments in <meeting>.minutes.yaml beside it, saved after every change.",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The meeting file to open, e.g. meetings/2017-11-20-raadsplein-takzaal.yaml; without one,
    /// gavel offers the meeting files of this folder and of meetings/ to choose from
    pub meeting: Option<PathBuf>,

    /// Language of the console [default: from LANG, nl* is Dutch, else English]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,

    /// If the minutes file does not load, rename it to <name>.broken-<date-time> and start new minutes
    #[arg(long)]
    pub move_aside: bool,

    /// Warn this long before a faction's speaking time runs out (90s, 1m, 1m30s, or minutes)
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = duration)]
    pub warn_before: u32,

    /// Do not ring the terminal bell with the speaking-time warning
    #[arg(long)]
    pub no_bell: bool,

    /// Extra speaking time one press of + grants a faction
    #[arg(long, value_name = "DURATION", default_value = "1m", value_parser = duration)]
    pub extra_time: u32,
}

fn duration(text: &str) -> Result<u32, String> {
    parse_duration(text).ok_or_else(|| {
        format!("\"{text}\" is not a duration: write 90s, 5m, 1h30m, or a number of minutes")
    })
}

impl Cli {
    pub fn settings(&self) -> Settings {
        Settings {
            warn_before: u64::from(self.warn_before),
            bell: !self.no_bell,
            extra_time: u64::from(self.extra_time),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate meeting files: prints file:line:col: error/warning messages; exit 0 when valid, 1 when not
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}
