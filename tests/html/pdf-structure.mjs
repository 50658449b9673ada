// A structure checker for tagged PDF (PDF/UA-1) over qpdf's JSON:
//   qpdf --json --json-stream-data=inline --decode-level=generalized \
//       FILE.pdf FILE.json
//   node pdf-structure.mjs FILE.json
// Prints "error: ..." for each fault and exits 1 when there is one; else
// prints one line of counts.  It checks what the Matterhorn Protocol's
// machine-checkable conditions ask of the files boardpaper writes:
// - every page-content operator that paints (text, paths, images) is in
//   marked content that is either tagged (an MCID) or an /Artifact, and
//   the two never nest in each other (01-003, 01-004, 01-005);
// - every MCID on a page is in the ParentTree under the page's
//   /StructParents, naming an element whose /K holds it, and every
//   ParentTree entry names a marked-content sequence that exists; every
//   MCID the tree reaches exists, once (01-006, 01-007);
// - only standard structure types, each in a parent it may have (LI in L,
//   Lbl and LBody in LI, TR in Table, THead or TBody, TH and TD in TR);
//   L holding only LI, LI only Lbl and LBody, TR only TH and TD (09-004,
//   09-005); heading levels never skip, the first is H1, no plain H
//   (14-002, 14-003, 14-007); /MarkInfo never says /Suspects (01-007);
// - every Note has an /ID, unique, that the /IDTree maps to it (19-003,
//   19-004); a Lbl is in an LI or a Note;
// - every Link annotation has /Contents and is the /Obj of an OBJR in a
//   Link element found through its /StructParent; pages with annotations
//   have /Tabs /S (28-*, 28-011, 28-018);
// - every Figure has /Alt (13-004); TH has /Scope (15-003 wording);
// - the catalog: /MarkInfo /Marked true, /StructTreeRoot, /Lang,
//   /ViewerPreferences /DisplayDocTitle true, XMP metadata with
//   dc:title and pdfuaid:part 1 (06-001, 06-002, 06-003, 07-001, 11-001).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const json = JSON.parse(readFileSync(file, 'utf8'));
const objs = json.qpdf[1];
let nerrors = 0;
const fail = (msg) => {
	if (nerrors++ < 40)
		console.error(`error: ${msg}`);
};

const isRef = (v) => typeof v === 'string' && / 0 R$/.test(v);
const obj = (ref) => {
	const o = objs[`obj:${ref}`];
	return o === undefined ? undefined : o.value !== undefined ? o.value : o.stream;
};
const deref = (v) => (isRef(v) ? obj(v) : v);
const dictOf = (v) => {
	const o = deref(v);
	return o && o.dict ? o.dict : o;
};
const text = (v) => {
	v = deref(v);
	if (typeof v !== 'string')
		return undefined;
	if (v.startsWith('u:'))
		return v.slice(2);
	if (v.startsWith('b:')) {
		const hex = v.slice(2);
		const bytes = Buffer.from(hex, 'hex');
		if (bytes[0] === 0xfe && bytes[1] === 0xff) {
			const sw = Buffer.from(bytes.subarray(2));
			sw.swap16();
			return sw.toString('utf16le');
		}
		return bytes.toString('latin1');
	}
	return v;
};

// --- content streams: a small tokenizer ---------------------------------

function* tokens(s) {
	let i = 0;
	const n = s.length;
	const ws = (c) => ' \t\r\n\f\0'.includes(c);
	const delim = (c) => '()<>[]{}/%'.includes(c);
	while (i < n) {
		const c = s[i];
		if (ws(c)) { i++; continue; }
		if (c === '%') { while (i < n && s[i] !== '\n' && s[i] !== '\r') i++; continue; }
		if (c === '(') {
			let depth = 0, j = i;
			for (; j < n; j++) {
				if (s[j] === '\\') { j++; continue; }
				if (s[j] === '(') depth++;
				else if (s[j] === ')' && --depth === 0) break;
			}
			yield { t: 'str' };
			i = j + 1;
			continue;
		}
		if (c === '<' && s[i + 1] === '<') { yield { t: '<<' }; i += 2; continue; }
		if (c === '>' && s[i + 1] === '>') { yield { t: '>>' }; i += 2; continue; }
		if (c === '<') { const j = s.indexOf('>', i); yield { t: 'str' }; i = j + 1; continue; }
		if (c === '[' || c === ']') { yield { t: c }; i++; continue; }
		let j = i + 1;
		while (j < n && !ws(s[j]) && !delim(s[j])) j++;
		const w = s.slice(i, j);
		i = j;
		if (c === '/') yield { t: 'name', v: w.slice(1) };
		else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) yield { t: 'num', v: Number(w) };
		else yield { t: 'op', v: w };
	}
}

const PAINT = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'B', 'B*',
	'b', 'b*', 'S', 's', 'sh', 'Do', 'BI']);
const TEXT = new Set(['Tj', 'TJ', "'", '"']);

// The marked-content sequences of one page's contents: MCIDs in order.
function scanContent(data, pageNo) {
	const s = Buffer.from(data, 'base64').toString('latin1');
	const stack = []; // { artifact, mcid }
	let operands = [];
	let dictDepth = 0, dict = [];
	const mcids = [];
	let painted = 0;
	for (const tk of tokens(s)) {
		if (tk.t === '<<') { dictDepth++; continue; }
		if (tk.t === '>>') { dictDepth--; if (dictDepth === 0) operands.push({ t: 'dict', v: dict }); dict = dictDepth ? dict : []; continue; }
		if (dictDepth > 0) { dict.push(tk); continue; }
		if (tk.t !== 'op') { operands.push(tk); continue; }
		const op = tk.v;
		if (op === 'BDC' || op === 'BMC') {
			const tag = operands.find((o) => o.t === 'name');
			const props = operands.find((o) => o.t === 'dict');
			const artifact = tag && tag.v === 'Artifact';
			let mcid;
			if (props) {
				const k = props.v.findIndex((o) => o.t === 'name' && o.v === 'MCID');
				if (k >= 0 && props.v[k + 1] && props.v[k + 1].t === 'num')
					mcid = props.v[k + 1].v;
			}
			const inside = stack.find((m) => m.artifact || m.mcid !== undefined);
			if (inside && (artifact || mcid !== undefined))
				fail(`page ${pageNo}: ${artifact ? 'an artifact' : `MCID ${mcid}`} inside ${inside.artifact ? 'an artifact' : `MCID ${inside.mcid}`}`);
			if (mcid !== undefined)
				mcids.push({ mcid, tag: tag ? tag.v : '?' });
			stack.push({ artifact, mcid });
		} else if (op === 'EMC') {
			if (stack.pop() === undefined)
				fail(`page ${pageNo}: EMC without BDC`);
		} else if (PAINT.has(op)) {
			painted++;
			if (!stack.some((m) => m.artifact || m.mcid !== undefined))
				fail(`page ${pageNo}: ${TEXT.has(op) ? 'text' : `"${op}"`} outside tagged content and artifacts`);
		}
		operands = [];
	}
	if (stack.length)
		fail(`page ${pageNo}: ${stack.length} marked-content sequences not closed`);
	return { mcids, painted };
}

// --- the document ------------------------------------------------------

const trailer = objs.trailer.value;
const catalog = deref(trailer['/Root']);
if (json.qpdf[0].pdfversion !== '1.7')
	fail(`PDF version ${json.qpdf[0].pdfversion}, not 1.7`);
if (!catalog['/MarkInfo'] || deref(catalog['/MarkInfo'])['/Marked'] !== true)
	fail('catalog: no /MarkInfo << /Marked true >>');
else if (deref(catalog['/MarkInfo'])['/Suspects'] === true)
	fail('catalog: /MarkInfo /Suspects true');
if (!text(catalog['/Lang']))
	fail('catalog: no /Lang');
const vp = deref(catalog['/ViewerPreferences']);
if (!vp || vp['/DisplayDocTitle'] !== true)
	fail('catalog: no /ViewerPreferences << /DisplayDocTitle true >>');
const md = deref(catalog['/Metadata']);
const xmp = md && md.data ? Buffer.from(md.data, 'base64').toString('utf8') : '';
if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp))
	fail('XMP: no pdfuaid:part 1');
const xmpTitle = /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</.exec(xmp);
const info = deref(trailer['/Info']) || {};
if (!xmpTitle || xmpTitle[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&quot;/g, '"') !== text(info['/Title']))
	fail('XMP: dc:title missing or not the /Info /Title');
if (!Array.isArray(trailer['/ID']) || trailer['/ID'].length !== 2)
	fail('trailer: no /ID');
const root = deref(catalog['/StructTreeRoot']);
if (!root)
	fail('catalog: no /StructTreeRoot');

// the pages in order
const pages = [];
(function collect(ref) {
	const n = deref(ref);
	if (n['/Type'] === '/Pages')
		for (const k of n['/Kids']) collect(k);
	else
		pages.push(ref);
})(catalog['/Pages']);
const pageIndex = new Map(pages.map((r, i) => [r, i]));

// the ParentTree as a map from key to value
const parentTree = new Map();
(function numTree(node) {
	node = deref(node);
	if (!node) return;
	const nums = node['/Nums'] || [];
	for (let i = 0; i + 1 < nums.length; i += 2)
		parentTree.set(nums[i], nums[i + 1]);
	for (const k of node['/Kids'] || []) numTree(k);
})(root ? root['/ParentTree'] : undefined);

// --- the structure tree --------------------------------------------------

const STANDARD = new Set(['Document', 'Part', 'Art', 'Sect', 'Div',
	'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct',
	'Private', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'L', 'LI',
	'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
	'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link',
	'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Figure',
	'Formula', 'Form']);
// Which kids an element may have (ISO 32000-1 Tables 336 and 337).
const KIDS = {
	L: ['L', 'LI', 'Caption'], LI: ['Lbl', 'LBody'],
	Table: ['Caption', 'THead', 'TBody', 'TFoot', 'TR'],
	THead: ['TR'], TBody: ['TR'], TFoot: ['TR'], TR: ['TH', 'TD'],
};
const PARENTS = {
	LI: ['L'], Lbl: ['LI', 'Note'], LBody: ['LI'], TR: ['Table', 'THead', 'TBody', 'TFoot'],
	TH: ['TR'], TD: ['TR'], THead: ['Table'], TBody: ['Table'],
	TFoot: ['Table'],
};
const treeMcids = new Map(); // "page:mcid" -> element ref
const annotOf = new Map();   // annotation ref -> Link element ref
let nelems = 0, lastLevel = 0, nheadings = 0;
const noteIds = new Map();   // a Note's /ID -> its element ref
const seen = new Set();

function visit(ref, parentRole, parentRef) {
	if (seen.has(ref)) {
		fail(`structure: ${ref} reached twice`);
		return;
	}
	seen.add(ref);
	const e = deref(ref);
	const role = (e['/S'] || '').slice(1);
	nelems++;
	if (!STANDARD.has(role))
		fail(`structure: ${ref} has the non-standard type ${role}`);
	if (PARENTS[role] && !PARENTS[role].includes(parentRole))
		fail(`structure: ${role} ${ref} in ${parentRole}`);
	if (KIDS[parentRole] && !KIDS[parentRole].includes(role))
		fail(`structure: ${parentRole} holds ${role} ${ref}`);
	if (role === 'H')
		fail(`structure: an H element ${ref}: only H1-H6 are used`);
	if (e['/P'] !== parentRef)
		fail(`structure: ${role} ${ref} has /P ${e['/P']}, not ${parentRef}`);
	const m = /^H([1-6])$/.exec(role);
	if (m) {
		const level = Number(m[1]);
		if (nheadings++ === 0 && level !== 1)
			fail(`structure: the first heading is ${role}, not H1`);
		if (level > lastLevel + 1)
			fail(`structure: ${role} ${ref} follows H${lastLevel}: a level skipped`);
		lastLevel = level;
	}
	if (role === 'Figure' && !(text(e['/Alt']) || '').trim())
		fail(`structure: Figure ${ref} has no /Alt`);
	if (role === 'Note') {
		const id = text(e['/ID']);
		if (!id)
			fail(`structure: Note ${ref} has no /ID`);
		else if (noteIds.has(id))
			fail(`structure: Note ${ref} has the /ID ${id} of ${noteIds.get(id)}`);
		else
			noteIds.set(id, ref);
	}
	if (role === 'TH') {
		const a = deref(e['/A']);
		if (!a || !a['/Scope'])
			fail(`structure: TH ${ref} has no /Scope`);
	}
	let kids = e['/K'];
	if (kids === undefined)
		kids = [];
	if (!Array.isArray(kids))
		kids = [kids];
	for (const k of kids) {
		if (typeof k === 'number') {
			if (!e['/Pg'])
				fail(`structure: ${role} ${ref} has an MCID but no /Pg`);
			treeMcid(pageIndex.get(e['/Pg']), k, ref, role);
			continue;
		}
		const kd = deref(k);
		if (kd['/Type'] === '/MCR')
			treeMcid(pageIndex.get(kd['/Pg'] || e['/Pg']), kd['/MCID'], ref, role);
		else if (kd['/Type'] === '/OBJR') {
			if (role !== 'Link')
				fail(`structure: an OBJR in ${role} ${ref}`);
			annotOf.set(kd['/Obj'], ref);
		} else if (isRef(k))
			visit(k, role, ref);
		else
			fail(`structure: ${role} ${ref} has a kid that is neither element, MCID, MCR nor OBJR`);
	}
}

function treeMcid(page, mcid, ref, role) {
	if (page === undefined) {
		fail(`structure: ${role} ${ref}: MCID ${mcid} on no page`);
		return;
	}
	const key = `${page}:${mcid}`;
	if (treeMcids.has(key))
		fail(`structure: page ${page + 1} MCID ${mcid} in two elements`);
	treeMcids.set(key, ref);
}

if (root) {
	let top = root['/K'];
	top = Array.isArray(top) ? top : [top];
	for (const k of top)
		visit(k, 'StructTreeRoot', catalog['/StructTreeRoot']);
}

// every Note's /ID is in the /IDTree, naming it (a flat /Names array)
if (noteIds.size > 0) {
	const names = new Map();
	(function nameTree(node) {
		node = deref(node);
		if (!node)
			return;
		const arr = node['/Names'] || [];
		for (let i = 0; i + 1 < arr.length; i += 2)
			names.set(text(arr[i]), arr[i + 1]);
		for (const k of node['/Kids'] || []) nameTree(k);
	})(root ? root['/IDTree'] : undefined);
	for (const [id, ref] of noteIds)
		if (names.get(id) !== ref)
			fail(`structure: the /IDTree does not map ${id} to Note ${ref}`);
}

// --- pages: contents, ParentTree, annotations ---------------------------

let nmcids = 0, nlinks = 0;
pages.forEach((ref, p) => {
	const page = deref(ref);
	const no = p + 1;
	let contents = page['/Contents'];
	contents = Array.isArray(contents) ? contents : contents ? [contents] : [];
	const mcids = [];
	for (const c of contents) {
		const st = deref(c);
		if (!st || st.data === undefined) {
			fail(`page ${no}: content stream without data (qpdf --json-stream-data=inline)`);
			continue;
		}
		mcids.push(...scanContent(st.data, no).mcids);
	}
	nmcids += mcids.length;
	const sp = page['/StructParents'];
	const arr = sp === undefined ? undefined : deref(parentTree.get(sp));
	if (mcids.length && !Array.isArray(arr))
		fail(`page ${no}: marked content but no ParentTree entry (/StructParents ${sp})`);
	const ids = new Set();
	for (const { mcid, tag } of mcids) {
		if (ids.has(mcid))
			fail(`page ${no}: MCID ${mcid} twice`);
		ids.add(mcid);
		const elem = arr ? arr[mcid] : undefined;
		if (!isRef(elem)) {
			fail(`page ${no}: MCID ${mcid} is not in the ParentTree`);
			continue;
		}
		if (treeMcids.get(`${p}:${mcid}`) !== elem)
			fail(`page ${no}: MCID ${mcid}'s ParentTree element ${elem} does not hold it`);
		const role = (deref(elem)['/S'] || '').slice(1);
		if (role !== tag)
			fail(`page ${no}: MCID ${mcid} is marked /${tag} in the content, but its element is ${role}`);
	}
	(arr || []).forEach((e, mcid) => {
		if (e !== null && !ids.has(mcid))
			fail(`page ${no}: ParentTree names MCID ${mcid}, which the page does not have`);
	});
	for (const key of treeMcids.keys()) {
		const [pg, mcid] = key.split(':').map(Number);
		if (pg === p && !ids.has(mcid))
			fail(`page ${no}: the structure tree holds MCID ${mcid}, which the page does not have`);
	}
	const annots = deref(page['/Annots']) || [];
	if (annots.length && page['/Tabs'] !== '/S')
		fail(`page ${no}: annotations but no /Tabs /S`);
	for (const a of annots) {
		const ad = deref(a);
		if (ad['/Subtype'] !== '/Link')
			continue;
		nlinks++;
		if (!(text(ad['/Contents']) || '').trim())
			fail(`page ${no}: Link annotation ${a} has no /Contents`);
		const owner = annotOf.get(a);
		if (!owner)
			fail(`page ${no}: Link annotation ${a} is in no OBJR`);
		if (ad['/StructParent'] === undefined ||
		    parentTree.get(ad['/StructParent']) !== owner)
			fail(`page ${no}: Link annotation ${a}: its /StructParent does not lead to its Link element`);
	}
});

if (nerrors > 0) {
	console.error(`${nerrors} error(s) in ${file}`);
	process.exit(1);
}
console.log(`${pages.length} pages, ${nelems} elements, ${nmcids} MCIDs, ${nlinks} links${noteIds.size ? `, ${noteIds.size} notes` : ''}: no fault`);
