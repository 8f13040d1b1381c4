// Reads `qpdf --json` of a PDF and prints, as a JSON array, the /Alt of
// each Figure structure element in document order (depth first from the
// structure tree root through /K), decoded: "u:" text as is, null when
// missing.  argv[2]: the JSON file.
const fs = require("fs");
const j = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const objs = j.qpdf[1];
const get = (ref) => {
	const o = objs["obj:" + ref];
	return o && (o.value !== undefined ? o.value : o.stream && o.stream.dict);
};
const deref = (v) => (typeof v === "string" && / R$/.test(v) ? get(v) : v);
const root = deref(objs.trailer.value["/Root"]);
const alts = [];
const walk = (n, depth) => {
	n = deref(n);
	if (n === undefined || n === null || depth > 64)
		return;
	if (Array.isArray(n)) {
		n.forEach((x) => walk(x, depth + 1));
		return;
	}
	if (typeof n !== "object")
		return;
	if (n["/S"] === "/Figure") {
		const a = n["/Alt"];
		alts.push(typeof a === "string" ? a.replace(/^u:/, "") : null);
	}
	if (n["/K"] !== undefined)
		walk(n["/K"], depth + 1);
};
walk(root["/StructTreeRoot"], 0);
console.log(JSON.stringify(alts));
