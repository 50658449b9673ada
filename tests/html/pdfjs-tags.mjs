// Reads a tagged PDF with Mozilla's PDF.js (the engine of Firefox's viewer),
// an independent reader of what boardpaper writes:
//   node pdfjs-tags.mjs FILE.pdf
// prints the structure roles PDF.js finds on each page, in order (for a
// golden file), and fails (exit 1, "error:" lines on standard error) when
// the document is not marked, or when the text of a page's structure tree
// is not the page's text minus its artifacts: all of it, in the same order
// (a blank page of a duplex pack has none, all of it an artifact).
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const file = process.argv[2];
let failed = false;
const fail = (msg) => {
	console.error(`error: ${file}: ${msg}`);
	failed = true;
};

// Text of each marked-content id, and the page's text outside artifacts.
function pageTexts(items) {
	const stack = [];
	const byId = new Map();
	let page = '';
	for (const it of items) {
		if (it.type === 'beginMarkedContent' ||
		    it.type === 'beginMarkedContentProps') {
			stack.push(it);
			continue;
		}
		if (it.type === 'endMarkedContent') {
			stack.pop();
			continue;
		}
		if (stack.some((m) => m.tag === 'Artifact'))
			continue;
		const owner = [...stack].reverse().find((m) => m.id);
		if (!owner) {
			if (it.str.trim() !== '')
				fail(`text outside marked content: "${it.str}"`);
			continue;
		}
		byId.set(owner.id, (byId.get(owner.id) || '') + it.str);
		page += it.str;
	}
	return { byId, page };
}

// The roles of a tree, one a line, indented; its content's text in order.
function walk(node, depth, lines, byId, out) {
	if (node.type === 'content') {
		out.push(byId.get(node.id) || '');
		return;
	}
	if (node.type === 'object' || node.type === 'annotation')
		return;
	if (node.role !== 'Root') {
		let line = ' '.repeat(depth * 2) + node.role;
		if (node.alt !== undefined)
			line += ` alt="${node.alt}"`;
		lines.push(line);
	}
	for (const c of node.children || [])
		walk(c, node.role === 'Root' ? depth : depth + 1, lines, byId, out);
}

const squeeze = (s) => s.replace(/\s+/g, ' ').trim();

const doc = await getDocument({
	data: new Uint8Array(readFileSync(file)),
	verbosity: 0,
	useSystemFonts: false,
	disableFontFace: true,
}).promise;
const mark = await doc.getMarkInfo();
if (!mark || mark.Marked !== true)
	fail('getMarkInfo() does not say Marked');
const lines = [];
for (let p = 1; p <= doc.numPages; p++) {
	const page = await doc.getPage(p);
	const tree = await page.getStructTree();
	const tc = await page.getTextContent({ includeMarkedContent: true });
	const { byId, page: text } = pageTexts(tc.items);
	lines.push(`page ${p}`);
	if (!tree) {
		fail(`page ${p}: no structure tree`);
		continue;
	}
	const treeText = [];
	walk(tree, 1, lines, byId, treeText);
	if (squeeze(treeText.join('')) !== squeeze(text))
		fail(`page ${p}: the structure tree's text is not the page's:\n` +
		    `  tree: ${squeeze(treeText.join('')).slice(0, 300)}\n` +
		    `  page: ${squeeze(text).slice(0, 300)}`);
}
process.stdout.write(lines.join('\n') + '\n');
await doc.destroy();
process.exit(failed ? 1 : 0);
