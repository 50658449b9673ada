// Typst through the npm package @myriaddreamin/typst-ts-node-compiler, for
// make bench.  node typst.js FILE.typ OUT.pdf [N]: compiles once, or N times
// in one process after one more that is not counted (it loads the fonts)
// and prints "median min max" milliseconds per compile.
const path = require('path');
const fs = require('fs');
const modules = process.env.TYPST_NODE_MODULES || path.join(__dirname, 'peers', 'node_modules');
const { NodeCompiler } = require(path.join(modules, '@myriaddreamin', 'typst-ts-node-compiler'));
const [src, out, n] = process.argv.slice(2);
const compiler = NodeCompiler.create({
	fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/liberation2'] }],
	workspace: path.dirname(path.resolve(src)),
});
const content = fs.readFileSync(src, 'utf8');
const once = () => fs.writeFileSync(out, compiler.pdf({ mainFileContent: content }));
if (!n) {
	once();
} else {
	once(); // the first compile loads the fonts: not counted
	const t = [];
	for (let i = 0; i < Number(n); i++) {
		const s = process.hrtime.bigint();
		once();
		t.push(Number(process.hrtime.bigint() - s) / 1e6);
	}
	t.sort((a, b) => a - b);
	console.log(t[Math.floor(t.length / 2)].toFixed(2), t[0].toFixed(2), t[t.length - 1].toFixed(2));
}
