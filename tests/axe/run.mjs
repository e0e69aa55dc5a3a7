// Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) over HTML reports in Debian's Chromium,
// and checks that a 320 px wide window never scrolls sideways (WCAG 1.4.10 reflow).
//
// Usage: node run.mjs [--screenshots DIR] [--print DIR] FILE.html...
//   --screenshots DIR  also saves <name>-desktop.png (1280 px) and <name>-phone.png (320 px)
//   --print DIR        also saves <name>-print.pdf, printed with the print stylesheet
// Exit code 0 when every file passes, 1 on any violation, 2 when the browser cannot start.
// Chromium comes from Debian (`.ci/run` installs it); nothing is downloaded here.

import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 320, height: 640 };

function parseArgs(argv) {
  const options = { screenshots: null, print: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--screenshots") options.screenshots = argv[++i];
    else if (argv[i] === "--print") options.print = argv[++i];
    else options.files.push(resolve(argv[i]));
  }
  return options;
}

async function launch(profile) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run .ci/run (it installs Debian's chromium)`);
  }
  // A persistent context on a fresh folder: the browser starts with an empty profile every run.
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    TAGS,
  );
}

/// Width the page scrolls to at phone size, ignoring boxes that scroll on their own (tables).
async function phoneOverflow(page) {
  await page.setViewportSize(PHONE);
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function checkFile(context, file, options) {
  const page = await context.newPage();
  const problems = [];
  try {
    await page.setViewportSize(DESKTOP);
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const name = basename(file).replace(/\.html?$/, "");
    if (options.screenshots) {
      await page.screenshot({ path: join(options.screenshots, `${name}-desktop.png`), fullPage: true });
    }
    const result = await axeViolations(page);
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ");
      problems.push(`${v.id} (${v.impact}): ${v.help} [${v.nodes.length} node(s): ${targets}]`);
    }
    const overflow = await phoneOverflow(page);
    if (overflow > 0) problems.push(`reflow: the page scrolls sideways by ${overflow}px at 320px`);
    if (options.screenshots) {
      await page.screenshot({ path: join(options.screenshots, `${name}-phone.png`), fullPage: true });
    }
    if (options.print) {
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: join(options.print, `${name}-print.pdf`), format: "Letter" });
    }
    console.log(`${basename(file)}: ${result.passes.length} axe rules passed, ${result.violations.length} violated` +
      (overflow > 0 ? ", reflow failed" : ", no sideways scrolling at 320px"));
  } finally {
    await page.close();
  }
  return problems;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.files.length === 0) {
    console.error("usage: node run.mjs [--screenshots DIR] [--print DIR] FILE.html...");
    return 2;
  }
  const profile = mkdtempSync(join(tmpdir(), "sro-axe-"));
  let context;
  try {
    context = await launch(profile);
  } catch (err) {
    console.error(`cannot start Chromium: ${err.message}`);
    rmSync(profile, { recursive: true, force: true });
    return 2;
  }
  let failed = 0;
  try {
    for (const file of options.files) {
      const problems = await checkFile(context, file, options);
      for (const p of problems) console.log(`  ${basename(file)}: ${p}`);
      if (problems.length > 0) failed++;
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`axe: ${options.files.length - failed} of ${options.files.length} files clean`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.stack || String(err));
    process.exit(2);
  },
);
