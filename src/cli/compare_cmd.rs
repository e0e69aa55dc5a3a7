//! `compare` and `summary`: load several answers files on one checklist, then compare them side
//! by side or summarize them. A summary loads and scores its files a chunk at a time on every
//! core, then folds them in the order given, keeping only aggregates: its output is the same
//! bytes whatever the number of threads, and its memory does not grow with the files' text.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::warnings::Warnings;
use super::{
    CompareArgs, Io, Outcome, PaperArg, SummaryArgs, emit_rendered, error_text, is_broken_pipe,
    output_format, refuse_binary_on_terminal, stdout_error,
};
use sro_assess::compare::{self, SummaryBuilder, check_one_checklist};
use sro_assess::error::{Diagnostic, Error, Result};
use sro_assess::fsio::{self, FileIdentity};
use sro_assess::load::{self, AnswersDocument, AnswersFile, LoadedChecklist};
use sro_assess::report::{self, RenderOptions, Subject};
use sro_assess::score::{self, Assessment};

/// Files at which `summary` starts showing progress (on a terminal only).
const PROGRESS_FROM: usize = 20;

/// Files loaded and scored together per thread before they are folded in: bounds what a run
/// holds at once (parsed files and whole assessments, some 150 KB each on 120 items),
/// whatever the number of files, while keeping the threads' wait between chunks short.
const CHUNK_PER_JOB: usize = 16;

/// Threads when the number of cores cannot be told, and at most (`--jobs` included).
const MAX_JOBS: usize = 16;

pub(super) fn compare(args: &CompareArgs, color: bool, io: &mut Io<'_>) -> Result<Outcome> {
    let format = output_format(args.format, args.output.as_deref())?;
    refuse_binary_on_terminal(format, args.output.as_deref(), "comparison", io)?;
    let checklists = Checklists::new(args.checklist.as_deref())?;
    // A comparison has a few files: every warning is printed, as it is found.
    let mut warnings = Warnings::new(true);
    let mut announced = AnnouncedChecklists::default();
    let mut first: Option<FirstFile> = None;
    let mut assessments = Vec::with_capacity(args.answers.len());
    for path in &args.answers {
        let scored = load_and_score(path, &checklists)?;
        announced.warn_once(&scored.checklist, &mut warnings, io)?;
        warnings.add(&path.display().to_string(), &scored.warnings, io)?;
        match &first {
            Some(first) => first.check_same_checklist(path, &scored, &mut warnings, io)?,
            None => first = Some(FirstFile::new(path, &scored)),
        }
        assessments.push(scored.assessment);
    }
    let Some(first) = first else {
        return Ok(Outcome::Success); // clap requires two files; nothing to do without them
    };
    let mut comparison = compare::compare(&first.checklist.checklist, &assessments);
    if args.only_differences {
        comparison = comparison.only_differences();
    }
    let options = render_options(
        args.width,
        (args.paper, args.bom),
        args.output.as_deref(),
        color,
        io,
    );
    let rendered = report::render(Subject::Comparison(&comparison), format, &options)?;
    emit_rendered(args.output.as_deref(), &rendered, io)?;
    Ok(Outcome::Success)
}

pub(super) fn summary(args: &SummaryArgs, color: bool, io: &mut Io<'_>) -> Result<Outcome> {
    let format = output_format(args.format, args.output.as_deref())?;
    refuse_binary_on_terminal(format, args.output.as_deref(), "summary", io)?;
    let (paths, left_out) = answers_paths(&args.inputs, io)?;
    let checklists = Checklists::new(args.checklist.as_deref())?;
    // More threads than cores gain nothing, and each holds a chunk of files in memory.
    let jobs = args
        .jobs
        .map_or_else(default_jobs, usize::from)
        .min(MAX_JOBS);
    let mut run = SummaryRun::new(args.verbose);
    for (path, reason) in &left_out {
        let warning = Diagnostic::warning(None, *reason);
        run.warnings
            .add(&path.display().to_string(), &[warning], io)?;
    }
    let mut progress = Progress::new(paths.len());
    let chunk_size = CHUNK_PER_JOB * jobs;
    for (chunk_number, chunk) in paths.chunks(chunk_size).enumerate() {
        progress.show(chunk_number * chunk_size)?;
        let loaded = load_in_parallel(chunk, &checklists, jobs);
        for (path, scored) in chunk.iter().zip(loaded) {
            // The log of inputs is kept per thread: the files the helpers read go into this
            // thread's, so that no output replaces one of them.
            fsio::note_input(path);
            let Err(err) = scored.and_then(|scored| run.add(path, scored, io)) else {
                continue;
            };
            if is_broken_pipe(&err) {
                return Err(err); // the reader has gone: not a problem with this file
            }
            progress.clear()?;
            if !args.keep_going {
                // The error that stops the run is the last thing printed.
                run.warnings.print(io)?;
                report_bad_file(&err, false, io)?;
                return Err(Error::AlreadyReported { path: path.clone() });
            }
            report_bad_file(&err, true, io)?;
            run.skipped += 1;
        }
    }
    progress.clear()?;
    run.warnings.print(io)?;
    let total = paths.len();
    let Some((builder, _)) = run.started else {
        return Err(Error::FilesFailed {
            failed: run.skipped,
            total,
        });
    };
    let mut summary = builder.finish();
    // Entries left out count as skipped, without failing the run as a file with errors does.
    summary.skipped = run.skipped + left_out.len();
    let options = render_options(
        args.width,
        (args.paper, args.bom),
        args.output.as_deref(),
        color,
        io,
    );
    let rendered = report::render(Subject::Summary(&summary), format, &options)?;
    emit_rendered(args.output.as_deref(), &rendered, io)?;
    if run.skipped > 0 {
        return Err(Error::FilesFailed {
            failed: run.skipped,
            total,
        });
    }
    Ok(Outcome::Success)
}

/// One thread per core, within reason.
fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map_or(MAX_JOBS, std::num::NonZeroUsize::get)
        .min(MAX_JOBS)
}

/// Loads and scores `paths` on `jobs` threads (the calling one among them); the results come
/// back in the order of `paths`, whichever thread took which file.
fn load_in_parallel(
    paths: &[PathBuf],
    checklists: &Checklists,
    jobs: usize,
) -> Vec<Result<Scored>> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = paths.get(n) else {
                return done;
            };
            done.push((n, load_and_score(path, checklists)));
        }
    };
    let mut results = std::thread::scope(|scope| {
        // A thread that cannot be started leaves its share to the others.
        let helpers: Vec<_> = (1..jobs.min(paths.len()))
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut results = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    });
    results.sort_unstable_by_key(|&(n, _)| n);
    results.into_iter().map(|(_, result)| result).collect()
}

fn report_bad_file(err: &Error, keep_going: bool, io: &mut Io<'_>) -> Result<()> {
    let text = error_text(err);
    if !text.is_empty() {
        writeln_err(io, &text)?;
    }
    if !keep_going {
        writeln_err(
            io,
            "hint: pass --keep-going to skip files with errors and summarize the rest",
        )?;
    }
    Ok(())
}

fn writeln_err(io: &mut Io<'_>, text: &str) -> Result<()> {
    writeln!(io.stderr, "{text}").map_err(stdout_error)
}

/// The summary so far: started by the first good file, which fixes the checklist.
struct SummaryRun {
    started: Option<(SummaryBuilder, FirstFile)>,
    skipped: usize,
    warnings: Warnings,
    announced: AnnouncedChecklists,
}

impl SummaryRun {
    fn new(verbose: bool) -> Self {
        Self {
            started: None,
            skipped: 0,
            warnings: Warnings::new(verbose),
            announced: AnnouncedChecklists::default(),
        }
    }

    /// Folds in one scored file; its text and assessment are dropped on return.
    fn add(&mut self, path: &Path, scored: Scored, io: &mut Io<'_>) -> Result<()> {
        self.announced
            .warn_once(&scored.checklist, &mut self.warnings, io)?;
        let source = path.display().to_string();
        if let Some((_, first)) = &self.started {
            first.check_same_checklist(path, &scored, &mut self.warnings, io)?;
        }
        self.warnings.add(&source, &scored.warnings, io)?;
        match &mut self.started {
            Some((builder, _)) => builder.add(&scored.assessment, &source),
            None => {
                let mut builder = SummaryBuilder::new(&scored.checklist.checklist);
                builder.add(&scored.assessment, &source);
                self.started = Some((builder, FirstFile::new(path, &scored)));
            }
        }
        Ok(())
    }
}

/// The checklists seen so far: each one's own warnings are printed once, however many files
/// use it, and its file is noted as an input (it may have been read on another thread).
#[derive(Default)]
pub(super) struct AnnouncedChecklists(HashSet<String>);

impl AnnouncedChecklists {
    pub(super) fn warn_once(
        &mut self,
        loaded: &LoadedChecklist,
        warnings: &mut Warnings,
        io: &mut Io<'_>,
    ) -> Result<()> {
        if !self.0.insert(loaded.origin.clone()) {
            return Ok(());
        }
        // A bundled checklist's origin (`bundled:ID`) is no file: nothing is noted.
        fsio::note_input(Path::new(&loaded.origin));
        warnings.add(&loaded.origin, &loaded.warnings, io)
    }
}

/// Folder entries named like answers files but not read, each with why.
type LeftOut = Vec<(PathBuf, &'static str)>;

/// Every answers file named: files as given, folders as their `*.yaml` and `*.yml` files
/// (not recursive, hidden files left out), sorted so runs are reproducible; each file once.
/// The folder entries left out that look like answers come second, each with the reason.
fn answers_paths(inputs: &[PathBuf], io: &mut Io<'_>) -> Result<(Vec<PathBuf>, LeftOut)> {
    let mut paths = Vec::new();
    let mut left_out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let (files, others) = folder_answers(input)?;
            paths.extend(files);
            left_out.extend(others);
        } else {
            paths.push(input.clone());
        }
    }
    Ok((distinct_files(paths, io)?, left_out))
}

/// Keeps the first name of each file, however else it was named (twice, through its folder
/// and by name, by a hard link or a symlink): a district counted twice would skew every
/// figure of the summary. Each name dropped is warned about.
fn distinct_files(paths: Vec<PathBuf>, io: &mut Io<'_>) -> Result<Vec<PathBuf>> {
    let mut first_names: HashMap<FileIdentity, PathBuf> = HashMap::new();
    let mut distinct = Vec::with_capacity(paths.len());
    for path in paths {
        // A file that cannot be looked up is kept: reading it gives the precise error.
        let Some(identity) = FileIdentity::of(&path) else {
            distinct.push(path);
            continue;
        };
        match first_names.entry(identity) {
            Entry::Occupied(first) => {
                let same = if *first.get() == path {
                    "given twice".to_string()
                } else {
                    format!("the same file as {}", first.get().display())
                };
                let warning = format!("{}: warning: {same}; counted once", path.display());
                writeln_err(io, &warning)?;
            }
            Entry::Vacant(slot) => {
                slot.insert(path.clone());
                distinct.push(path);
            }
        }
    }
    Ok(distinct)
}

/// A folder's answers files, and the entries named like answers that are left out, each with
/// why: a summary that leaves a district out says so.
fn folder_answers(folder: &Path) -> Result<(Vec<PathBuf>, LeftOut)> {
    let read_error = |source| Error::Read {
        path: folder.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    let mut left_out = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        // `~$one.xlsx` is the lock file Excel keeps beside an open workbook: no answers.
        let lock_file = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("~$"));
        if !has_answers_extension(&path) || lock_file {
            continue;
        }
        match left_out_because(&path) {
            None => files.push(path),
            Some(reason) => left_out.push((path, reason)),
        }
    }
    if files.is_empty() {
        return Err(Error::Invalid {
            path: folder.to_path_buf(),
            diagnostics: vec![
                Diagnostic::error(
                    None,
                    "the folder has no answers files (*.yaml, *.yml) or workbooks (*.xlsx, *.ods, *.xls)",
                )
                .with_hint(
                    "name the files, or give the folder that holds them (CSV answers are read \
                     when named one by one: a folder's CSV files may be reports)",
                ),
            ],
        });
    }
    files.sort();
    left_out.sort();
    Ok((files, left_out))
}

/// Named like an answers file: YAML, or a workbook as `summary` reads them when named; not
/// CSV, which reports are written as.
fn has_answers_extension(path: &Path) -> bool {
    let yaml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let workbook = sro_assess::spreadsheet::kind_of(path)
        .is_some_and(|kind| kind != sro_assess::spreadsheet::SpreadsheetKind::Csv);
    yaml || workbook
}

/// Why a folder entry named like an answers file is not read, or `None` to read it.
fn left_out_because(path: &Path) -> Option<&'static str> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name.starts_with('.') {
        return Some("left out: a hidden file (its name starts with a dot); name it to include it");
    }
    let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => None,
        Ok(m) if m.is_dir() => Some("left out: a folder, not a file (folders inside are not read)"),
        Ok(m) => Some(not_plain_file(&m)),
        Err(err) if linked && err.kind() == std::io::ErrorKind::NotFound => {
            Some("left out: a symbolic link to a file that does not exist")
        }
        Err(_) if linked => {
            Some("left out: a symbolic link that cannot be followed (it may lead back to itself)")
        }
        Err(_) => Some("left out: it cannot be read"),
    }
}

fn not_plain_file(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "left out: a named pipe, not a file";
        }
        if kind.is_socket() {
            return "left out: a socket, not a file";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "left out: a device, not a file";
        }
    }
    #[cfg(not(unix))]
    let _ = metadata;
    "left out: not a plain file"
}

/// One file, scored.
struct Scored {
    assessment: Assessment,
    checklist: Arc<LoadedChecklist>,
    /// The parsed file, to place the "different checklist" error; dropped with the rest.
    document: AnswersDocument,
    /// The file's own warnings, printed when it is folded in (in the order of the files).
    warnings: Vec<Diagnostic>,
}

/// Reads, validates and scores one file; prints nothing (it may run on any thread).
fn load_and_score(path: &Path, checklists: &Checklists) -> Result<Scored> {
    let file = AnswersFile::read(path)?;
    let checklist = checklists.for_file(&file)?;
    let (answers, warnings) = file.validate(&checklist.checklist)?;
    Ok(Scored {
        assessment: score::score(&checklist.checklist, &answers, &file.hash),
        checklist,
        document: file.document,
        warnings,
    })
}

/// The first good file: every other file must answer its checklist.
struct FirstFile {
    path: PathBuf,
    checklist: Arc<LoadedChecklist>,
}

impl FirstFile {
    fn new(path: &Path, scored: &Scored) -> Self {
        Self {
            path: path.to_path_buf(),
            checklist: Arc::clone(&scored.checklist),
        }
    }

    /// `compare::check_one_checklist`, said at this file: another checklist is an error,
    /// another version a warning.
    fn check_same_checklist(
        &self,
        path: &Path,
        scored: &Scored,
        warnings: &mut Warnings,
        io: &mut Io<'_>,
    ) -> Result<()> {
        let this = &scored.checklist.checklist;
        match check_one_checklist(&self.checklist.checklist, this) {
            Err(other) => Err(Error::Invalid {
                path: path.to_path_buf(),
                diagnostics: vec![
                    Diagnostic::error(
                        scored.document.checklist_location(),
                        format!(
                            "this file answers checklist `{}`, but {} answers `{}`",
                            other.this,
                            self.path.display(),
                            other.first
                        ),
                    )
                    .with_hint(
                        "compare or summarize only files of one checklist; report this one on its own",
                    ),
                ],
            }),
            Ok(Some(version)) => {
                let warning = Diagnostic::warning(
                    scored.document.checklist_location(),
                    format!(
                        "scored against checklist version {}, but {} against version {}",
                        version.this,
                        self.path.display(),
                        version.first
                    ),
                );
                warnings.add(&path.display().to_string(), &[warning], io)
            }
            Ok(None) => Ok(()),
        }
    }
}

/// Checklists loaded so far, by the reference the answers give: a thousand files on the
/// bundled checklist parse it once. Shared by the threads of a summary.
pub(super) struct Checklists {
    forced: Option<Arc<LoadedChecklist>>,
    by_reference: Mutex<HashMap<(String, PathBuf), Arc<LoadedChecklist>>>,
}

impl Checklists {
    pub(super) fn new(forced: Option<&Path>) -> Result<Self> {
        Ok(Self {
            forced: forced.map(load::load_checklist).transpose()?.map(Arc::new),
            by_reference: Mutex::new(HashMap::new()),
        })
    }

    pub(super) fn for_file(&self, file: &AnswersFile) -> Result<Arc<LoadedChecklist>> {
        if let Some(forced) = &self.forced {
            return Ok(Arc::clone(forced));
        }
        let Some(key) = file
            .document
            .checklist_reference()
            .map(|reference| cache_key(reference, &file.path))
        else {
            return file.checklist(None).map(Arc::new); // the error names what is missing
        };
        // Held while a checklist loads, so that each is loaded once: the others wait for it.
        let mut cache = self
            .by_reference
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = cache.get(&key) {
            return Ok(Arc::clone(found));
        }
        let loaded = Arc::new(file.checklist(None)?);
        cache.insert(key, Arc::clone(&loaded));
        Ok(loaded)
    }
}

/// A bundled id means the same checklist from any folder; a path depends on the file's folder.
fn cache_key(reference: String, answers_path: &Path) -> (String, PathBuf) {
    if load::BUNDLED.iter().any(|b| b.id == reference) {
        (reference, PathBuf::new())
    } else {
        let folder = answers_path
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        (reference, folder)
    }
}

fn render_options(
    width: Option<u16>,
    (paper, bom): (PaperArg, bool),
    output: Option<&Path>,
    color: bool,
    io: &Io<'_>,
) -> RenderOptions {
    RenderOptions {
        paper: paper.into(),
        bom,
        ..io.render_options(color, width, output)
    }
}

/// `summarizing 120 of 1000 files` on standard error, rewritten in place; only for many files
/// and only when standard error is a terminal (never in logs or pipes).
struct Progress {
    total: usize,
    active: bool,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Self {
            total,
            active: total >= PROGRESS_FROM && std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    fn show(&mut self, done: usize) -> Result<()> {
        if !self.active {
            return Ok(());
        }
        self.shown = true;
        // Straight to the terminal: standard error as `io` has it shows control characters.
        write!(
            std::io::stderr(),
            "\rsummarizing {done} of {} files",
            self.total
        )
        .map_err(stdout_error)
    }

    fn clear(&mut self) -> Result<()> {
        if !self.shown {
            return Ok(());
        }
        self.shown = false;
        write!(std::io::stderr(), "\r\x1b[2K").map_err(stdout_error)
    }
}
