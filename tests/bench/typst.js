// make bench: one Typst document to PDF, through Typst's Node binding.
//
//	node typst.js FONTDIR IN.typ OUT.pdf
//
// FONTDIR holds the only fonts Typst may use (bench.sh links ours there).
// Prints the number of pages.  Timed as a whole process, Node included.
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [fontdir, input, output] = process.argv.slice(2);
const c = NodeCompiler.create({
	workspace: path.dirname(path.resolve(input)),
	fontArgs: [{ fontPaths: [fontdir] }],
});
const r = c.compile({ mainFilePath: path.resolve(input) });
const doc = r.result;
if (!doc) {
	r.printDiagnostics();
	process.exit(1);
}
fs.writeFileSync(output, c.pdf(doc));
console.log(doc.numOfPages);
