// Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) over HTML reports in Debian's Chromium,
// and checks that a 320 px wide window never scrolls sideways (WCAG 1.4.10 reflow), that at
// 1280 px the content uses the window (over 1,100 px) and that at 390 px every table that
// scrolls sideways shows a cue that it does.
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
const PHONE_COMMON = { width: 390, height: 844 };
/// Content at least this wide at 1280 px: the window less the body's padding, no prose column.
const DESKTOP_CONTENT = 1100;

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

/// At desktop size, the width tables and charts get (the page must not cap them at a column
/// of prose with wide empty margins).
async function desktopContentWidth(page) {
  await page.setViewportSize(DESKTOP);
  return page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return document.body.clientWidth - parseFloat(body.paddingLeft) - parseFloat(body.paddingRight);
  });
}

/// At a common phone's width (390 px), the tables that scroll sideways with no visible cue that
/// columns are out of sight, by caption.
async function uncuedScrolls(page) {
  await page.setViewportSize(PHONE_COMMON);
  return page.evaluate(() =>
    [...document.querySelectorAll(".scroll")]
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .filter((box) => {
        const cue = box.querySelector(".scroll-cue");
        return !cue || cue.offsetHeight === 0 || !cue.textContent.trim();
      })
      .map((box) => (box.querySelector("caption") || box).textContent.trim().slice(0, 60)),
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
    const content = await desktopContentWidth(page);
    if (content < DESKTOP_CONTENT) {
      problems.push(`layout: at 1280px the content is ${content}px wide (at least ${DESKTOP_CONTENT}px expected)`);
    }
    for (const caption of await uncuedScrolls(page)) {
      problems.push(`layout: at 390px the table "${caption}" scrolls sideways with no cue`);
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
