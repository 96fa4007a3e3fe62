// Checks HTML files as a reader's browser sees them: each file is opened in
// Debian's Chromium (driven by playwright-core, which downloads no browser)
// and checked with axe-core for WCAG 2.0/2.1 A and AA, plus the structure
// the HTML exporter promises (docs/html-exporter.md): lang, title, one h1,
// no skipped heading level, landmarks, every table with th, footnotes linked
// both ways, no script, no request other than the file itself.
//
//   node check_html.mjs FILE...                 exit 0: no problem in any file
//   node check_html.mjs --screenshot OUT.png FILE [--print]
//
// Prints one line per problem ("FILE: axe color-contrast (serious): ...").
// KANSLI_NPM_DIR is the directory npm installed package.json into (CMake
// sets it: build/npm); KANSLI_CHROMIUM overrides the browser (default
// /usr/bin/chromium).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(join(resolve(process.env.KANSLI_NPM_DIR || "."), "package.json"));
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const kTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function launch() {
  // Flags that keep a headless Chromium from calling home.
  return chromium.launch({
    executablePath: process.env.KANSLI_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// Opens `file` in a fresh context and records every request besides the file.
async function open(browser, file) {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const url = pathToFileURL(resolve(file)).href;
  const requests = [];
  page.on("request", (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: "load" });
  return { context, page, requests };
}

// The exporter's structural promises, checked in the page.
function structureProblems() {
  const problems = [];
  const html = document.documentElement;
  if (!html.lang) problems.push("html has no lang");
  if (!document.title.trim()) problems.push("no <title>");
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const h1 = headings.filter((h) => h.tagName === "H1").length;
  if (h1 !== 1) problems.push(`${h1} h1 elements, not one`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) problems.push(`heading level skipped: h${previous} then h${level} "${h.textContent}"`);
    previous = level;
  }
  if (headings.length && headings[0].tagName !== "H1") problems.push("the first heading is not the h1");
  if (document.querySelectorAll("main").length !== 1) problems.push("not exactly one <main>");
  for (const table of document.querySelectorAll("table")) {
    if (!table.querySelector("th")) problems.push(`a table without th: "${table.textContent.slice(0, 60)}"`);
    for (const th of table.querySelectorAll("th"))
      if (!th.getAttribute("scope") && !th.id) problems.push(`a th without scope: "${th.textContent}"`);
  }
  for (const ref of document.querySelectorAll('a[role="doc-noteref"]')) {
    const note = document.getElementById(ref.getAttribute("href").slice(1));
    if (!note) problems.push(`footnote reference ${ref.id} points nowhere`);
    else if (!note.querySelector(`a[role="doc-backlink"]`)) problems.push(`footnote ${note.id} has no link back`);
  }
  for (const back of document.querySelectorAll('a[role="doc-backlink"]')) {
    const ref = document.getElementById(back.getAttribute("href").slice(1));
    if (!ref || ref.getAttribute("role") !== "doc-noteref") problems.push(`a back link does not reach its reference`);
  }
  for (const link of document.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("#") && !document.getElementById(href.slice(1))) problems.push(`link to missing ${href}`);
    if (!/^(#|https?:|mailto:|tel:)/i.test(href)) problems.push(`link with scheme not allowed: ${href}`);
  }
  if (document.querySelector("script")) problems.push("a <script> element");
  // Self-contained: the house style's logo is the one image, inline as a data: URI.
  if (document.querySelector('[src]:not(img[src^="data:image/"]), link[href], object, embed, iframe'))
    problems.push("an external resource");
  if (document.querySelector("[style]")) problems.push("a style attribute");
  return problems;
}

async function check(browser, file) {
  const { context, page, requests } = await open(browser, file);
  const problems = [];
  try {
    for (const url of requests) problems.push(`request to ${url}`);
    problems.push(...(await page.evaluate(structureProblems)));
    await page.evaluate(axeSource);
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      kTags,
    );
    for (const v of results.violations)
      problems.push(
        `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`,
      );
    if (results.incomplete === undefined && results.passes === undefined && results.violations === undefined)
      problems.push("axe returned no result");
  } finally {
    await context.close();
  }
  return problems;
}

async function main() {
  const args = process.argv.slice(2);
  const browser = await launch();
  try {
    if (args[0] === "--screenshot") {
      const [, out, file, mode] = args;
      const { context, page } = await open(browser, file);
      if (mode === "--print") await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.screenshot({ path: out, fullPage: true });
      await context.close();
      return 0;
    }
    let failed = 0;
    for (const file of args) {
      const problems = await check(browser, file);
      for (const p of problems) console.log(`${file}: ${p}`);
      if (problems.length) failed++;
      else console.log(`${file}: ok (axe ${kTags.join(", ")}: 0 violations; structure ok)`);
    }
    return failed ? 1 : 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`check_html: ${error.stack || error}`);
    process.exit(2);
  },
);
