//! The command line: `gavel MEETING` runs the console, `gavel check FILE...` validates.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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

    /// The meeting file to open, e.g. meetings/2017-11-20-raadsplein-takzaal.yaml
    #[arg(required = true)]
    pub meeting: Option<PathBuf>,

    /// Language of the console [default: from LANG, nl* is Dutch, else English]
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,

    /// If the minutes file does not load, rename it to <name>.broken-<date-time> and start new minutes
    #[arg(long)]
    pub move_aside: bool,
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
