//! The command line, part of the binary only: argument definitions (clap) and the commands
//! that tie loading, scoring and rendering to files and the terminal. The library knows
//! nothing of clap, of the terminal or of exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use std::ffi::OsStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use sro_assess::error::{Diagnostic, Error, Result};
use sro_assess::fsio::{InputLog, Overwrite, Written, write_output};
use sro_assess::load::{self, AnswersFile, LoadedChecklist};
use sro_assess::model::Date;
use sro_assess::report::{self, Format, RenderOptions, Rendered, Subject, SubjectKind};
use sro_assess::score::{self, Assessment};
use warnings::Warnings;

mod answer_cmd;
mod checklist_cmd;
mod compare_cmd;
mod consensus_cmd;
mod questionnaire;
mod warnings;

const EXIT_CODES: &str = "Exit codes: 0 success; 1 the overall score is under --fail-under; \
2 bad input or usage (the message names the file, line and column).";

/// Check a school district's School Resource Officer (SRO) program against Wisconsin DOJ/DPI
/// best practices and report the gaps.
#[derive(Debug, Parser)]
#[command(
    name = "sro-assess",
    version,
    after_help = EXIT_CODES,
    propagate_version = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// When to use color in terminal output (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print the man page, a shell's completion script or the JSON Schema of a JSON output to
    /// standard output, then exit (for packagers and IT staff:
    /// `sro-assess --generate complete-bash > sro-assess.bash`).
    #[arg(long, value_enum, value_name = "KIND", exclusive = true)]
    pub generate: Option<Generate>,
    /// The command to run.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The man page (roff), for `man -l` or a system's man directory.
    Man,
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
    /// Completions for PowerShell.
    CompletePowershell,
    /// The JSON Schema of `report -f json` (sro-assess/assessment).
    SchemaAssessment,
    /// The JSON Schema of `compare -f json` (sro-assess/comparison).
    SchemaComparison,
    /// The JSON Schema of `summary -f json` (sro-assess/summary).
    SchemaSummary,
    /// The JSON Schema of `consensus -f json` (sro-assess/consensus).
    SchemaConsensus,
    /// The JSON Schema of `checklist list` / `show` `-f json` (sro-assess/checklist).
    SchemaChecklist,
}

/// When to color terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

pub use answer_cmd::{AnswerArgs, ImportArgs, LintArgs};

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score an answers file and print the gap report.
    Report(ReportArgs),
    /// Check an answers file and list every problem and the unanswered items.
    Validate(ValidateArgs),
    /// Write an answers template for a checklist profile.
    Init(InitArgs),
    /// List or show checklists.
    #[command(subcommand)]
    Checklist(ChecklistCommand),
    /// Compare two or more answers files side by side (options, or one district over time).
    Compare(CompareArgs),
    /// Summarize many districts' answers files (a folder, or files).
    Summary(SummaryArgs),
    /// Compare committee members' answers files: the agreement, a proposal per item and the
    /// agenda of items the meeting must settle.
    Consensus(ConsensusArgs),
    /// Fill in an answers file question by question (saved after every answer).
    Answer(AnswerArgs),
    /// Turn a filled spreadsheet (.xlsx, .ods, .xls, .csv or .tsv, from `init`'s template) into an answers file.
    Import(ImportArgs),
}

/// Paper sizes on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// US Letter.
    Letter,
    /// ISO A4.
    A4,
}

impl From<PaperArg> for report::Paper {
    fn from(paper: PaperArg) -> Self {
        match paper {
            PaperArg::Letter => Self::Letter,
            PaperArg::A4 => Self::A4,
        }
    }
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The answers file: YAML, or a filled spreadsheet from `init`'s template (.xlsx, .ods,
    /// .xls, .csv or .tsv, as Excel, LibreOffice Calc or Google Sheets save it); `-` reads YAML
    /// from standard input.
    pub answers: PathBuf,
    /// Score against this checklist file instead of the one the answers name.
    #[arg(long, value_name = "PATH")]
    pub checklist: Option<PathBuf>,
    /// Output format [default: from the output file's extension, else table].
    #[arg(short, long, value_parser = FormatParser(SubjectKind::Assessment))]
    pub format: Option<Format>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with code 1 when the overall percentage is under this value.
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub fail_under: Option<f64>,
    /// Print internal notes (they may name students: keep such reports private).
    #[arg(long)]
    pub include_internal_notes: bool,
    /// Paper size of a PDF or Word report.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
    /// Write the board's brief for a consent agenda: the first page and the gap list (2-4
    /// pages) instead of the full report.
    #[arg(long)]
    pub brief: bool,
    /// Begin a CSV with a byte-order mark, so Excel on Windows opens it as UTF-8 (accents and
    /// dashes intact); pandas and LibreOffice read it either way.
    #[arg(long)]
    pub bom: bool,
    /// Wrap terminal tables to this many columns [default: the terminal's width, else 100].
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
}

/// Arguments of `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more answers files (YAML or filled spreadsheets) of one checklist; each file's `label` names its column.
    #[arg(required = true, num_args = 2.., value_name = "ANSWERS")]
    pub answers: Vec<PathBuf>,
    /// Score every file against this checklist file instead of the one the answers name.
    #[arg(long, value_name = "PATH")]
    pub checklist: Option<PathBuf>,
    /// Output format [default: from the output file's extension, else table].
    #[arg(short, long, value_parser = FormatParser(SubjectKind::Comparison))]
    pub format: Option<Format>,
    /// Write the comparison to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Keep only the items whose status differs between the files.
    #[arg(long)]
    pub only_differences: bool,
    /// Paper size of a PDF or Word comparison.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
    /// Begin a CSV with a byte-order mark, so Excel on Windows opens it as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// Wrap terminal tables to this many columns [default: the terminal's width, else 100].
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
}

/// Arguments of `consensus`.
#[derive(Debug, Args)]
pub struct ConsensusArgs {
    /// Two or more members' answers files (YAML or filled spreadsheets, in any mix) of one
    /// checklist, profile and district.
    #[arg(required = true, num_args = 2.., value_name = "MEMBER_FILE")]
    pub members: Vec<PathBuf>,
    /// Read every file against this checklist file instead of the one the answers name.
    #[arg(long, value_name = "PATH")]
    pub checklist: Option<PathBuf>,
    /// Output format [default: from the output file's extension, else table].
    #[arg(short, long, value_parser = FormatParser(SubjectKind::Agenda))]
    pub format: Option<Format>,
    /// Write the agenda to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Flag an item when the members' ratings lie more than this many steps apart on the scale
    /// (1: "In place" beside "Not in place" is flagged, beside "Partly in place" is not).
    #[arg(long, value_name = "STEPS", default_value_t = sro_assess::consensus::DEFAULT_THRESHOLD)]
    pub threshold: usize,
    /// Print members' internal notes (they may name students: keep such agendas private).
    #[arg(long)]
    pub include_internal_notes: bool,
    /// Also write the consensus as an answers file: each item's status is the proposal, each
    /// member's rating is kept, flagged items are marked unsettled for the meeting
    /// (`sro-assess answer FILE --flagged`).
    #[arg(long, value_name = "FILE")]
    pub answers_out: Option<PathBuf>,
    /// Replace the --answers-out file if it exists (the meeting may have settled items in it).
    #[arg(long)]
    pub force: bool,
    /// Paper size of a PDF or Word agenda.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
    /// Wrap terminal tables to this many columns [default: the terminal's width, else 100].
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
}

/// Arguments of `summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Answers files, or folders of them (every *.yaml and *.yml inside, not recursive).
    #[arg(required = true, value_name = "DIR|FILE")]
    pub inputs: Vec<PathBuf>,
    /// Score every file against this checklist file instead of the one the answers name.
    #[arg(long, value_name = "PATH")]
    pub checklist: Option<PathBuf>,
    /// Output format [default: from the output file's extension, else table].
    #[arg(short, long, value_parser = FormatParser(SubjectKind::Summary))]
    pub format: Option<Format>,
    /// Write the summary to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Skip files with errors (each is reported) and summarize the rest; exit 2 at the end.
    #[arg(long)]
    pub keep_going: bool,
    /// Print every warning of every file, not a count of each kind with one example.
    #[arg(short, long)]
    pub verbose: bool,
    /// Threads that load and score the files [default: one per processor core; at most 16].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Paper size of a PDF or Word summary.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
    /// Begin a CSV with a byte-order mark, so Excel on Windows opens it as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// Wrap terminal tables to this many columns [default: the terminal's width, else 100].
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The answers files: YAML, or filled spreadsheets from `init`'s template (.xlsx, .ods,
    /// .xls, .csv or .tsv); `-` reads YAML from standard input.
    #[arg(required = true)]
    pub answers: Vec<PathBuf>,
    /// Check against this checklist file instead of the one the answers name.
    #[arg(long, value_name = "PATH")]
    pub checklist: Option<PathBuf>,
    /// With several files, print every warning, not a count of each kind with one example.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// A bundled checklist id or a checklist file.
    #[arg(long, default_value = "wi-sro-best-practices", value_name = "ID|PATH")]
    pub checklist: String,
    /// The profile: which items apply (see `sro-assess checklist show`).
    #[arg(long, default_value = "existing-program")]
    pub profile: String,
    /// The district's name (without it, a placeholder that `validate` asks you to replace).
    #[arg(long, default_value = sro_assess::template::DISTRICT_PLACEHOLDER, value_parser = parse_district)]
    pub district: String,
    /// Names this assessment ("2025-26 annual review", "Option A").
    #[arg(long)]
    pub label: Option<String>,
    /// The assessment date, YYYY-MM-DD [default: today].
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    /// Who prepares the assessment.
    #[arg(long)]
    pub prepared_by: Option<String>,
    /// Who rates, by name or role, when each committee member rates alone.
    #[arg(long, value_name = "NAME")]
    pub rater: Option<String>,
    /// The group the rater speaks for: district staff, law enforcement, family, student,
    /// community, board, or the committee's own words.
    #[arg(long, value_name = "GROUP")]
    pub rater_group: Option<String>,
    /// Write the template to this file [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Start from an earlier assessment: copy its checklist, profile, district, statuses and
    /// evidence (each answer marked `carried_from` until re-checked); give the new --label/--date.
    #[arg(long, value_name = "ANSWERS")]
    pub from: Option<PathBuf>,
}

/// `checklist` subcommands.
#[derive(Debug, Subcommand)]
pub enum ChecklistCommand {
    /// List the bundled checklists.
    List,
    /// Print every section and item of a checklist.
    Show(ShowArgs),
    /// Check a checklist file for its authors (ids, sources, profiles, bands).
    Lint(LintArgs),
}

/// Arguments of `checklist show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A bundled checklist id or a checklist file.
    #[arg(default_value = "wi-sro-best-practices", value_name = "ID|PATH")]
    pub checklist: String,
    /// Show only the items of this profile.
    #[arg(long)]
    pub profile: Option<String>,
    /// Output format (pdf or docx: the worksheet for a committee meeting, implied by a .pdf or
    /// .docx output name; yaml: the checklist's source, a starting point for a local checklist).
    #[arg(short, long, value_parser = ShowFormatParser, default_value = "table")]
    pub format: ShowFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Paper size of the PDF or Word worksheet.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
}

/// The formats [`report::FORMATS`] lists for one kind of subject, as a command line's choices
/// (their names and help come from the table).
#[derive(Debug, Clone, Copy)]
pub struct FormatParser(pub SubjectKind);

impl FormatParser {
    fn choices(self) -> impl Iterator<Item = PossibleValue> {
        let subject = self.0;
        Format::writing(subject, false)
            .map(move |f| PossibleValue::new(f.name()).help(f.entry().help_writing(subject)))
    }
}

impl TypedValueParser for FormatParser {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> std::result::Result<Format, clap::Error> {
        // clap's own parser words the error (the choices, a suggestion) as for any option.
        let name = PossibleValuesParser::new(self.choices()).parse_ref(cmd, arg, value)?;
        Format::from_name(&name)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.choices()))
    }
}

/// What `checklist show` writes: the listing or the worksheet in a format, or the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    /// A format of the listing or the worksheet.
    Rendered(Format),
    /// The checklist's YAML source, as it is.
    Yaml,
}

/// `checklist show`'s choices: the formats that write a listing or a worksheet, and `yaml`.
#[derive(Debug, Clone, Copy)]
pub struct ShowFormatParser;

impl ShowFormatParser {
    const YAML: &'static str = "yaml";

    fn choices(self) -> impl Iterator<Item = PossibleValue> {
        Format::all()
            .filter_map(|f| {
                let subject = [SubjectKind::Listing, SubjectKind::Worksheet]
                    .into_iter()
                    .find(|&subject| f.writes(subject))?;
                Some(PossibleValue::new(f.name()).help(f.entry().help_writing(subject)))
            })
            .chain([PossibleValue::new(Self::YAML).help("The checklist's YAML source.")])
    }
}

impl TypedValueParser for ShowFormatParser {
    type Value = ShowFormat;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> std::result::Result<ShowFormat, clap::Error> {
        let name = PossibleValuesParser::new(self.choices()).parse_ref(cmd, arg, value)?;
        if name == Self::YAML {
            return Ok(ShowFormat::Yaml);
        }
        Format::from_name(&name)
            .map(ShowFormat::Rendered)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.choices()))
    }
}

fn parse_percent(text: &str) -> std::result::Result<f64, String> {
    let value: f64 = text
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err("use a percentage from 0 to 100".into())
    }
}

/// A district name with words in it: `validate` refuses a template with a blank one.
fn parse_district(text: &str) -> std::result::Result<String, String> {
    if text.trim().is_empty() {
        return Err("the district's name is blank; give it, e.g. --district \"Example Area School District\"".into());
    }
    Ok(text.trim().to_string())
}

fn parse_date(text: &str) -> std::result::Result<Date, String> {
    Date::parse(text)
}

/// How a successful run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything as asked.
    Success,
    /// The score fell under `--fail-under`.
    BelowThreshold,
}

/// Where the binary writes: real stdout/stderr in use, buffers in tests.
pub struct Io<'a> {
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard error.
    pub stderr: &'a mut dyn Write,
    /// Whether standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// The terminal's width, when it is one.
    pub terminal_width: Option<u16>,
    /// Whether NO_COLOR is set (to anything non-empty).
    pub no_color: bool,
}

impl Io<'_> {
    /// How a document for `output` looks: the one place every command (report, compare,
    /// summary, checklist show) takes its color and width from. Color and the terminal's width
    /// (or, through a pipe, an exported COLUMNS) apply only to standard output; `--width` wins.
    fn render_options(
        &self,
        color: bool,
        width: Option<u16>,
        output: Option<&Path>,
    ) -> RenderOptions {
        let to_stdout = output.is_none_or(is_standard_output);
        RenderOptions {
            color: color && to_stdout,
            width: width.or(if to_stdout { self.terminal_width } else { None }),
            ..RenderOptions::default()
        }
    }

    fn warn(&mut self, path: &str, diagnostics: &[Diagnostic]) -> Result<()> {
        for d in diagnostics {
            writeln!(self.stderr, "{}", d.render(path)).map_err(stdout_error)?;
        }
        Ok(())
    }
}

fn stdout_error(source: std::io::Error) -> Error {
    Error::Write {
        path: PathBuf::from("<standard output>"),
        source,
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli, io: &mut Io<'_>) -> Result<Outcome> {
    // Every file read from here on is noted, and no output may replace one of them.
    let _inputs = InputLog::start();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io.stdout_is_terminal && !io.no_color,
    };
    let command = match (cli.generate, cli.command) {
        (Some(_), Some(_)) => {
            use clap::CommandFactory;
            Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--generate stands alone: give it without a command",
                )
                .exit()
        }
        (Some(kind), None) => return generate(kind, io),
        (None, Some(command)) => command,
        (None, None) => {
            use clap::CommandFactory;
            // As clap says it when a command is required: the usage, and exit 2.
            Cli::command()
                .error(
                    clap::error::ErrorKind::MissingSubcommand,
                    "a command is required (see `sro-assess --help`)",
                )
                .exit()
        }
    };
    match command {
        Command::Report(args) => report_command(&args, color, io),
        Command::Validate(args) => validate_command(&args, io),
        Command::Init(args) => answer_cmd::init(&args, io),
        Command::Checklist(ChecklistCommand::List) => checklist_cmd::list(io),
        Command::Checklist(ChecklistCommand::Show(args)) => checklist_cmd::show(&args, color, io),
        Command::Compare(args) => compare_cmd::compare(&args, color, io),
        Command::Summary(args) => compare_cmd::summary(&args, color, io),
        Command::Consensus(args) => consensus_cmd::consensus(&args, color, io),
        Command::Answer(args) => answer_cmd::answer(&args, io),
        Command::Import(args) => answer_cmd::import(&args, io),
        Command::Checklist(ChecklistCommand::Lint(args)) => answer_cmd::lint(&args, io),
    }
}

/// How messages name answers read from standard input.
const STANDARD_INPUT: &str = "<standard input>";

/// The answers at `path`; `-` is standard input, read as a YAML answers file (a checklist
/// path in it is relative to the current folder).
fn read_answers(path: &Path) -> Result<AnswersFile> {
    if path != Path::new("-") {
        return AnswersFile::read(path);
    }
    let name = Path::new(STANDARD_INPUT);
    let text = load::read_bounded(std::io::stdin().lock(), name)?;
    AnswersFile::from_text(&text, name)
}

/// `--generate KIND`: the man page or a completion script, from the same definition as
/// `--help`, or a JSON output's schema, from the types that write it.
fn generate(kind: Generate, io: &mut Io<'_>) -> Result<Outcome> {
    use clap::CommandFactory;
    use clap_complete::Shell;
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    let shell = match kind {
        Generate::Man => {
            clap_mangen::Man::new(command)
                .render(&mut bytes)
                .map_err(stdout_error)?;
            io.stdout.write_all(&bytes).map_err(stdout_error)?;
            return Ok(Outcome::Success);
        }
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
        Generate::CompletePowershell => Shell::PowerShell,
        Generate::SchemaAssessment => return schema(report::JsonDocument::Assessment, io),
        Generate::SchemaComparison => return schema(report::JsonDocument::Comparison, io),
        Generate::SchemaSummary => return schema(report::JsonDocument::Summary, io),
        Generate::SchemaConsensus => return schema(report::JsonDocument::Consensus, io),
        Generate::SchemaChecklist => return schema(report::JsonDocument::Checklist, io),
    };
    clap_complete::generate(shell, &mut command, "sro-assess", &mut bytes);
    io.stdout.write_all(&bytes).map_err(stdout_error)?;
    Ok(Outcome::Success)
}

fn schema(document: report::JsonDocument, io: &mut Io<'_>) -> Result<Outcome> {
    io.stdout
        .write_all(&document.schema()?)
        .map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// Loads an answers file and its checklist, validates and scores it; warnings go to stderr.
pub fn assess(
    answers_path: &Path,
    checklist_path: Option<&Path>,
    io: &mut Io<'_>,
) -> Result<Assessment> {
    let file = read_answers(answers_path)?;
    let override_checklist = checklist_path.map(load::load_checklist).transpose()?;
    let loaded = file.checklist(override_checklist.as_ref())?;
    io.warn(&loaded.origin, &loaded.warnings)?;
    let (answers, warnings) = file.validate(&loaded.checklist)?;
    io.warn(&file.path.display().to_string(), &warnings)?;
    Ok(score::score(&loaded.checklist, &answers, &file.hash))
}

fn report_command(args: &ReportArgs, color: bool, io: &mut Io<'_>) -> Result<Outcome> {
    let format = output_format(args.format, args.output.as_deref())?;
    refuse_binary_on_terminal(format, args.output.as_deref(), "report", io)?;
    let options = RenderOptions {
        include_internal_notes: args.include_internal_notes,
        paper: args.paper.into(),
        brief: args.brief,
        bom: args.bom,
        ..io.render_options(color, args.width, args.output.as_deref())
    };
    // Said before the files are read: a brief has no CSV or JSON.
    report::check_format(SubjectKind::Assessment, format, &options)?;
    let assessment = assess(&args.answers, args.checklist.as_deref(), io)?;
    let rendered = report::render(Subject::Assessment(&assessment), format, &options)?;
    emit_rendered(args.output.as_deref(), &rendered, io)?;
    if let Some(threshold) = args.fail_under {
        let percent = assessment.overall.percent.unwrap_or(0.0);
        if percent < threshold {
            writeln!(
                io.stderr,
                "overall score {percent:.1}% is under --fail-under {threshold}"
            )
            .map_err(stdout_error)?;
            return Ok(Outcome::BelowThreshold);
        }
    }
    Ok(Outcome::Success)
}

/// The format asked for, else the one the output file's extension implies, else table.
fn output_format(asked: Option<Format>, output: Option<&Path>) -> Result<Format> {
    if let Some(format) = asked {
        return Ok(format);
    }
    let Some(path) = output
        .filter(|p| !is_standard_output(p) && *p != Path::new("/dev/stderr") && !is_null_device(p))
    else {
        return Ok(Format::Table);
    };
    Format::from_extension(path).ok_or_else(|| Error::UnknownOutputFormat {
        path: path.to_path_buf(),
        extensions: Format::extension_list(),
    })
}

/// The device that discards what is written (`/dev/null`; `NUL` on Windows, in any case):
/// output there needs no format, since nobody reads it (a dry run, a timing).
fn is_null_device(path: &Path) -> bool {
    if cfg!(windows) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.split('.').next().unwrap_or("");
        return stem.eq_ignore_ascii_case("nul")
            && path.parent().is_none_or(|p| p.as_os_str().is_empty());
    }
    path == Path::new("/dev/null")
}

/// A PDF or Word file written to a terminal would fill it with binary: ask for a file
/// instead, named `stem` with the format's extension.
fn refuse_binary_on_terminal(
    format: Format,
    output: Option<&Path>,
    stem: &'static str,
    io: &Io<'_>,
) -> Result<()> {
    let to_stdout = output.is_none_or(is_standard_output);
    if format.is_binary() && to_stdout && io.stdout_is_terminal {
        let extension = format.entry().extensions.first().copied().unwrap_or("out");
        return Err(Error::BinaryOnTerminal {
            label: format.label(),
            suggested: format!("{stem}.{extension}"),
        });
    }
    Ok(())
}

/// Writes a rendered document as [`emit`] does, then its warnings (the PDF's font names each
/// character it replaced: never silently), the same way for every format and command.
fn emit_rendered(output: Option<&Path>, rendered: &Rendered, io: &mut Io<'_>) -> Result<()> {
    emit(output, &rendered.bytes, Overwrite::Allow, io)?;
    let name = output.map_or_else(
        || "<standard output>".to_string(),
        |p| p.display().to_string(),
    );
    for warning in &rendered.warnings {
        writeln!(io.stderr, "{name}: warning: {warning}").map_err(stdout_error)?;
    }
    Ok(())
}

/// Writes a command's output to the file (never over one of the command's inputs), or to
/// standard output. Only a file written is announced: a device or a pipe got what it was sent.
pub(crate) fn emit(
    output: Option<&Path>,
    bytes: &[u8],
    overwrite: Overwrite,
    io: &mut Io<'_>,
) -> Result<()> {
    let stream: &mut dyn Write = match output {
        None => io.stdout,
        Some(path) if is_standard_output(path) => io.stdout,
        Some(path) if path == Path::new("/dev/stderr") => io.stderr,
        Some(path) => {
            return match write_output(path, bytes, overwrite)? {
                Written::File(_) => {
                    writeln!(io.stderr, "wrote {}", path.display()).map_err(stdout_error)
                }
                Written::Stream => Ok(()),
            };
        }
    };
    stream
        .write_all(bytes)
        .and_then(|()| stream.flush())
        .map_err(stdout_error)
}

/// `-o -` and `-o /dev/stdout` mean standard output, written as such (a closed pipe then
/// ends the run quietly, as it does without `-o`). `-o /dev/stderr` is written to standard
/// error the same way: reopening it by name fails where its pipe belongs to another user.
fn is_standard_output(path: &Path) -> bool {
    path == Path::new("-") || path == Path::new("/dev/stdout")
}

fn validate_command(args: &ValidateArgs, io: &mut Io<'_>) -> Result<Outcome> {
    let override_checklist = args
        .checklist
        .as_deref()
        .map(load::load_checklist)
        .transpose()?;
    let mut failed = Vec::new();
    // One file's warnings are all printed: `validate FILE` is where the counts send the reader.
    let mut warnings = Warnings::new(args.verbose || args.answers.len() == 1);
    for path in &args.answers {
        if let Err(err) = validate_one(path, override_checklist.as_ref(), &mut warnings, io) {
            if is_broken_pipe(&err) {
                return Err(err); // the reader has gone: not a problem with this file
            }
            writeln!(io.stderr, "{}", error_text(&err)).map_err(stdout_error)?;
            failed.push(err);
        }
    }
    warnings.print(io)?;
    match failed.len() {
        0 => Ok(Outcome::Success),
        1 if args.answers.len() == 1 => Err(Error::AlreadyReported {
            path: args.answers[0].clone(),
        }),
        n => Err(Error::FilesFailed {
            failed: n,
            total: args.answers.len(),
        }),
    }
}

/// Items without a usable answer under a heading with their count, most urgent first;
/// nothing when there are none.
fn list_open_items<'a>(
    out: &mut String,
    heading: &str,
    items: impl Iterator<Item = &'a score::ItemResult>,
) {
    let items: Vec<_> = items.collect();
    if items.is_empty() {
        return;
    }
    out.push_str(&format!(
        "{heading} ({}), most urgent first:\n",
        items.len()
    ));
    for item in items {
        out.push_str(&format!(
            "  {:<8} {}  {}\n",
            item.priority.as_str(),
            item.id,
            item.title
        ));
    }
}

fn validate_one(
    path: &Path,
    override_checklist: Option<&LoadedChecklist>,
    all_warnings: &mut Warnings,
    io: &mut Io<'_>,
) -> Result<()> {
    let file = read_answers(path)?;
    let loaded = file.checklist(override_checklist)?;
    let (answers, warnings) = file.validate(&loaded.checklist)?;
    let name = file.path.display().to_string();
    all_warnings.add(&name, &warnings, io)?;
    let assessment = score::score(&loaded.checklist, &answers, &file.hash);
    let c = assessment.coverage;
    let mut out = format!(
        "{name}: valid ({} of {} items of profile `{}` answered",
        c.answered, c.items, assessment.meta.profile.id
    );
    if !warnings.is_empty() {
        out.push_str(&format!(
            ", {} warning{}",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        ));
    }
    out.push_str(")\n");
    list_open_items(&mut out, "unanswered items", assessment.unanswered());
    list_open_items(&mut out, "could not be verified", assessment.unverified());
    let mut unsettled: Vec<&score::ItemResult> = assessment
        .items
        .iter()
        .filter(|i| i.answer.as_ref().is_some_and(|a| a.unsettled.is_some()))
        .collect();
    unsettled.sort_by_key(|i| i.priority);
    let heading = "still to settle at the committee's meeting";
    list_open_items(&mut out, heading, unsettled.into_iter());
    let overdue = assessment.overdue();
    if !overdue.is_empty() {
        out.push_str(&format!(
            "overdue actions ({}), due before the assessment date {} and not in place:\n",
            overdue.len(),
            assessment.meta.date
        ));
        for item in overdue {
            let owner = item.answer.as_ref().and_then(|a| a.owner.as_deref());
            out.push_str(&format!(
                "  {}  {}  overdue since {}{}\n",
                item.id,
                item.title,
                item.overdue_since
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                owner.map(|o| format!(" (owner: {o})")).unwrap_or_default()
            ));
        }
        out.push_str("  set a new `due:` date, or mark the item in place once it is done\n");
    }
    out.push_str(&answer_cmd::carried_text(&file));
    // Names and titles as the files have them, with nothing that acts on the terminal.
    io.stdout
        .write_all(sro_assess::text::visible(&out).as_bytes())
        .map_err(stdout_error)
}

/// A bundled id stays as it is; a checklist path is written relative to the answers file's
/// folder when it can be, since the loader resolves it from there.
fn checklist_reference(reference: &str, output: Option<&Path>) -> String {
    if load::bundled_checklist(reference).is_some() {
        return reference.to_string();
    }
    let absolute = std::fs::canonicalize(reference).unwrap_or_else(|_| PathBuf::from(reference));
    let folder = output
        .and_then(Path::parent)
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| std::fs::canonicalize(p).ok());
    match folder.and_then(|f| absolute.strip_prefix(f).ok().map(Path::to_path_buf)) {
        Some(relative) => relative.display().to_string(),
        None => absolute.display().to_string(),
    }
}

/// Today's date from the system clock: used only for a new template, never in reports. Only
/// the clock is read here; the date arithmetic is [`date_at`], which tests can pin.
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_at(seconds)
}

/// The UTC date `seconds` after 1970-01-01 00:00:00 UTC; the epoch's date for a time past the
/// last date a [`Date`] holds.
fn date_at(seconds: u64) -> Date {
    i64::try_from(seconds / 86_400)
        .ok()
        .and_then(Date::from_days_since_epoch)
        .unwrap_or(Date::EPOCH)
}

/// The text printed for an error: diagnostics lists as they are, others after `error: `.
pub fn error_text(err: &Error) -> String {
    match err {
        Error::AlreadyReported { .. } => String::new(),
        Error::Invalid { .. } => err.to_string(),
        _ => format!("error: {err}"),
    }
}

/// Whether the error is a closed pipe on standard output (`sro-assess report x | head`).
pub fn is_broken_pipe(err: &Error) -> bool {
    /// Windows' "the pipe is being closed" and "no process is on the other end of the pipe",
    /// which a reader such as PowerShell's `Select-Object -First` leaves; std names only the first.
    const WINDOWS_CLOSED_PIPE: [i32; 2] = [232, 233];
    matches!(err, Error::Write { source, .. }
        if source.kind() == std::io::ErrorKind::BrokenPipe
            || (cfg!(windows)
                && source
                    .raw_os_error()
                    .is_some_and(|code| WINDOWS_CLOSED_PIPE.contains(&code))))
}

/// Builds the real terminal context for the binary.
pub fn terminal_facts() -> (bool, Option<u16>, bool) {
    let is_terminal = std::io::stdout().is_terminal();
    let width = if is_terminal {
        // comfy-table asks the terminal (through crossterm) when stdout is one.
        comfy_table::Table::new().width().filter(|w| *w >= 40)
    } else {
        // Piped (`| less`): the shell's COLUMNS when exported, else the renderer's default.
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|w| (40..=1000).contains(w))
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    (is_terminal, width, no_color)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn infers_the_format_from_the_extension() {
        assert_eq!(
            output_format(None, Some(Path::new("r.md"))).unwrap(),
            Format::Markdown
        );
        assert_eq!(output_format(None, None).unwrap(), Format::Table);
        assert_eq!(
            output_format(None, Some(Path::new("r.docx"))).unwrap(),
            Format::Docx
        );
        assert!(output_format(None, Some(Path::new("r.odt"))).is_err());
        assert_eq!(
            output_format(None, Some(Path::new("/dev/stdout"))).unwrap(),
            Format::Table
        );
        assert_eq!(
            output_format(Some(Format::Json), Some(Path::new("r.md"))).unwrap(),
            Format::Json
        );
    }

    #[test]
    fn terminal_options_apply_to_standard_output_only() {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let io = Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            stdout_is_terminal: false,
            terminal_width: Some(60),
            no_color: false,
        };
        let piped = io.render_options(true, None, None);
        assert_eq!((piped.color, piped.width), (true, Some(60)));
        let dash = io.render_options(true, None, Some(Path::new("-")));
        assert_eq!((dash.color, dash.width), (true, Some(60)));
        let file = io.render_options(true, None, Some(Path::new("r.txt")));
        assert_eq!((file.color, file.width), (false, None));
        let asked = io.render_options(false, Some(90), Some(Path::new("r.txt")));
        assert_eq!((asked.color, asked.width), (false, Some(90)));
    }

    #[test]
    fn dates_from_the_clock_turn_at_midnight_utc_and_keep_leap_days() {
        for (seconds, date) in [
            (0, "1970-01-01"),
            (86_399, "1970-01-01"),
            (86_400, "1970-01-02"),
            // 2000 is divisible by 400: a leap year.
            (951_782_400, "2000-02-29"),
            (951_868_800, "2000-03-01"),
            (1_709_164_800, "2024-02-29"),
            (1_735_689_599, "2024-12-31"),
            (1_735_689_600, "2025-01-01"),
            // 2100 is divisible by 100 and not by 400: no February 29.
            (4_107_456_000, "2100-02-28"),
            (4_107_542_400, "2100-03-01"),
        ] {
            assert_eq!(date_at(seconds).to_string(), date, "{seconds} s");
        }
        // Past the last year a date holds: the epoch, not a panic.
        assert_eq!(date_at(u64::MAX), Date::EPOCH);
    }
}
