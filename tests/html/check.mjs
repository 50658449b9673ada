// Checks boardpaper HTML pages in one headless Chromium launch:
//   node check.mjs [--shots DIR] FILE.html...
// For each file, prints TAP-style lines for the test runner:
//   - axe-core with the WCAG 2.1 A and AA tags, light scheme at desktop width
//     and dark scheme at 320 px: no violations;
//   - network: the page requests nothing but the file itself;
//   - markup: every element and attribute is one the back-end generates
//     (a whitelist), every link goes to an anchor, http(s) or mailto, every
//     image is a data: URL, there is exactly one h1 and one <style>, and
//     copying a numbered paragraph keeps its number ("11. The ...").
// With --shots DIR it also writes screenshots at 320 px and 1280 px and an
// A4 PDF of each page into DIR, for people to look at.
import { launchChromium } from './chromium.mjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// What render_html.c writes, and nothing else.
const ALLOWED = {
  html: ['lang'], head: [], meta: ['charset', 'name', 'content'],
  title: [], style: [], body: [],
  header: ['class'], main: [], footer: [],
  section: ['class', 'aria-labelledby'],
  nav: ['aria-labelledby'], article: ['class', 'id'],
  div: ['class', 'role', 'tabindex', 'aria-labelledby', 'aria-label'],
  h1: [], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
  p: ['id', 'class'], span: ['class', 'aria-hidden'], time: ['datetime'],
  a: ['href', 'class', 'title', 'id', 'aria-label'], strong: [], em: [],
  del: [], sup: ['class'], code: [], br: [],
  dl: ['class'], dt: [], dd: [], ul: [], ol: ['class'], li: ['id', 'class'],
  blockquote: [], pre: [], hr: [], figure: ['id'],
  img: ['src', 'alt', 'width', 'height'],
  table: ['id'], caption: ['id'], thead: [], tbody: [], tr: [],
  th: ['scope', 'class'], td: ['class'],
};

function ok(name) { console.log(`ok - ${name}`); }
function notOk(name, details) {
  console.log(`not ok - ${name}`);
  for (const d of details) console.log(`  ${d}`);
}

// Runs in the page: lists every element or attribute off the whitelist.
function auditMarkup(allowed) {
  const bad = [];
  const hrefOk = (v) => /^(#[^\s]+|https?:\/\/[^\s]+|mailto:[^\s]+)$/.test(v)
    && !/^\s*(javascript|data|vbscript|file):/i.test(v);
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (!(tag in allowed)) { bad.push(`element <${tag}>`); continue; }
    for (const { name, value } of el.attributes) {
      if (!allowed[tag].includes(name))
        bad.push(`attribute ${name} on <${tag}>`);
      else if (tag === 'a' && name === 'href' && !hrefOk(value))
        bad.push(`href ${JSON.stringify(value)}`);
      else if (tag === 'img' && name === 'src' &&
               !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(value))
        bad.push(`img src ${JSON.stringify(value.slice(0, 60))}`);
    }
  }
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!document.getElementById(id))
      bad.push(`link to missing anchor #${id}`);
  }
  // a paragraph copied from the page keeps its number: "11. The ..."
  for (const a of document.querySelectorAll('a.num')) {
    const r = document.createRange();
    r.selectNodeContents(a.parentElement);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    if (!sel.toString().startsWith(a.textContent + ' '))
      bad.push(`copy of ${a.getAttribute('href')} starts ` +
        JSON.stringify(sel.toString().slice(0, 12)));
  }
  const count = (sel) => document.querySelectorAll(sel).length;
  if (count('h1') !== 1) bad.push(`${count('h1')} h1 elements`);
  if (count('style') !== 1) bad.push(`${count('style')} style elements`);
  if (count('script, iframe, object, embed, base, link, form') !== 0)
    bad.push('active element present');
  return bad;
}

async function runAxe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  }, TAGS);
}

async function shoot(context, url, name, dir) {
  const page = await context.newPage();
  for (const [w, h, tag] of [[320, 640, 'phone'], [1280, 900, 'desktop']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(url);
    await page.screenshot({ path: join(dir, `${name}-${tag}.png`),
      fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url);
  await page.screenshot({ path: join(dir, `${name}-dark.png`) });
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  writeFileSync(join(dir, `${name}.pdf`), await page.pdf({ format: 'A4',
    preferCSSPageSize: true }));
  await page.close();
}

// Checks one page: loads it fresh in each state and reports each check.
async function checkFile(context, file, requests) {
  const name = basename(file);
  const url = pathToFileURL(resolve(file)).href;
  const page = await context.newPage();
  const seen = [];
  requests.current = seen;

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  const bad = await page.evaluate(auditMarkup, ALLOWED);
  if (bad.length) notOk(`markup ${name}`, bad.slice(0, 20));
  else ok(`markup ${name}`);

  const light = await runAxe(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(url, { waitUntil: 'load' });
  const dark = await runAxe(page);
  const v = [...light.map((x) => `light: ${x}`),
    ...dark.map((x) => `dark 320px: ${x}`)];
  if (v.length) notOk(`axe ${name}`, v);
  else ok(`axe ${name}`);
  await page.close();

  const foreign = seen.filter((u) => u !== url);
  if (foreign.length) notOk(`network ${name}`, foreign.slice(0, 10));
  else ok(`network ${name}`);
}

async function main() {
  const args = process.argv.slice(2);
  let shots = null;
  if (args[0] === '--shots') { shots = args[1]; args.splice(0, 2); }
  const { context, profile } = await launchChromium();
  // Every request any page makes is recorded; anything but a file: URL is
  // refused, so a failure here never reaches the network either.
  const requests = { current: [] };
  await context.route('**/*', (route) => {
    const u = route.request().url();
    return u.startsWith('file:') ? route.continue() : route.abort();
  });
  context.on('request', (r) => requests.current.push(r.url()));
  try {
    for (const file of args) {
      if (shots) await shoot(context, pathToFileURL(resolve(file)).href,
        basename(file, '.html'), shots);
      else await checkFile(context, file, requests);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.log(`not ok - html checker crashed`);
  console.log(`  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  process.exit(1);
});
