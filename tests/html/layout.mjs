// Checks how boardpaper HTML pages lay out in headless Chromium:
//   node layout.mjs [--shots DIR] FILE.html...
// For each file, prints TAP-style lines for the test runner:
//   - at 1280 px and at 375 px wide, nothing in the cover block is wider
//     than its box (a long URL in the Summary wraps inside it) and the page
//     does not scroll sideways;
//   - printed (print media, A4, as page.pdf() makes it): for each table of
//     more than 20 rows, the page before the table's first page is not left
//     nearly blank (its text runs into the lower quarter of the page), as
//     it would be if the whole table were kept together.
// Printed pages are measured with pdftotext -bbox.  With --shots DIR it
// also writes the 1280 px and 375 px screenshots and the printed PDF.
import { launchChromium } from './chromium.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function ok(name) { console.log(`ok - ${name}`); }
function notOk(name, details) {
  console.log(`not ok - ${name}`);
  for (const d of details) console.log(`  ${d}`);
}

// Runs in the page: every element of each cover block (a pack has one per
// paper) whose content is wider than its box, or that reaches past the
// cover's right edge; and whether the page scrolls sideways.
function coverOverflow() {
  // what in one box overflows it
  function boxOverflow(cover) {
    const bad = [];
    const edge = cover.getBoundingClientRect().right;
    const what = (el) => `<${el.localName}${el.className ? '.' + el.className : ''}> ` +
      JSON.stringify((el.textContent || '').trim().slice(0, 40));
    for (const el of [cover, ...cover.querySelectorAll('*')]) {
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        bad.push(`${what(el)}: content ${el.scrollWidth} px in a box of ${el.clientWidth} px`);
      const r = el.getBoundingClientRect();
      if (el !== cover && r.width > 0 && r.right > edge + 1)
        bad.push(`${what(el)}: ends at ${Math.round(r.right)} px, past the cover's ${Math.round(edge)} px`);
    }
    return bad;
  }
  const bad = [];
  const covers = document.querySelectorAll('.cover');
  if (covers.length === 0) return ['no .cover block'];
  for (const cover of covers) bad.push(...boxOverflow(cover));
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1)
    bad.push(`the page scrolls sideways: ${doc.scrollWidth} px in ${doc.clientWidth} px`);
  return bad;
}

// Runs in the page: the text of the first body cell of each table of more
// than 20 rows, too long to be moved whole to the next page unnoticed.
function longTables() {
  return [...document.querySelectorAll('table')]
    .filter((t) => t.querySelectorAll('tbody tr').length > 20)
    .map((t) => t.querySelector('tbody tr td, tbody tr th').textContent.trim());
}

// The printed pages as pdftotext sees them: each page's height and its
// words with their lower edge.
function printedPages(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const pages = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3].matchAll(/yMax="([\d.]+)">([^<]*)</g)]
      .map((w) => ({ y: Number(w[1]), text: w[2] }));
    pages.push({ height: Number(m[2]), words });
  }
  return pages;
}

// Where the table starting with `first` begins in print, and how far down
// the page before it its text runs (a fraction of the page's height).
function pageBefore(pages, first) {
  const want = first.split(/\s+/).join(' ');
  const at = pages.findIndex((p) => p.words.map((w) => w.text).join(' ')
    .includes(want));
  if (at <= 0) return { at, fill: 1 };
  const prev = pages[at - 1];
  // the running head and "Page N of M" sit in the page margins (22 mm,
  // 7.4% of A4's height): only the text between them counts
  const body = prev.words.filter((w) => w.y > prev.height * 0.07 &&
    w.y < prev.height * 0.93);
  const low = Math.max(0, ...body.map((w) => w.y));
  return { at, fill: low / prev.height };
}

async function checkFile(context, file, shots, work) {
  const name = basename(file, '.html');
  const url = pathToFileURL(resolve(file)).href;
  const page = await context.newPage();
  for (const [w, h, tag] of [[1280, 900, 'desktop'], [375, 700, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(url, { waitUntil: 'load' });
    const bad = await page.evaluate(coverOverflow);
    if (bad.length) notOk(`${name}.html at ${w} px: the cover holds its content`, bad.slice(0, 10));
    else ok(`${name}.html at ${w} px: the cover holds its content`);
    if (shots) await page.screenshot({ path: join(shots, `${name}-${w}.png`), fullPage: true });
  }
  const tables = await page.evaluate(longTables);
  if (tables.length > 0) {
    await page.emulateMedia({ media: 'print' });
    const pdf = join(shots || work, `${name}.print.pdf`);
    writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    const pages = printedPages(pdf);
    for (const first of tables) {
      const { at, fill } = pageBefore(pages, first);
      const what = `${name}.html printed: the page before the table at "${first}" is not left nearly blank`;
      if (at < 0) notOk(what, [`"${first}" is on no printed page`]);
      else if (fill < 0.75) notOk(what, [`page ${at} of ${pages.length}: its text ends ` +
        `${Math.round(fill * 100)}% of the way down; the table starts on page ${at + 1}`]);
      else ok(what);
    }
  }
  await page.close();
}

async function main() {
  const args = process.argv.slice(2);
  let shots = null;
  if (args[0] === '--shots') { shots = args[1]; args.splice(0, 2); }
  const { context, profile } = await launchChromium();
  const work = mkdtempSync(join(tmpdir(), 'bp-print-'));
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort());
  try {
    for (const file of args) await checkFile(context, file, shots, work);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.log('not ok - html layout checker crashed');
  console.log(`  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  process.exit(1);
});
