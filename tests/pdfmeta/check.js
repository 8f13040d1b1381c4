// Reads `qpdf --json` of a report and checks what the finishing pass adds:
// /Lang, DisplayDocTitle, XMP metadata with a PDF/UA identifier, a trailer
// /ID, dates in PDF form, tagging, and an /Alt on every Figure.
// Prints "ok - …" / "not ok - …" lines; argv[2] is the JSON file,
// argv[3] the XMP packet (qpdf --show-object of /Metadata, raw).
const fs = require("fs");
const j = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const xmp = fs.readFileSync(process.argv[3], "utf8");
const objs = j.qpdf[1];
const get = (ref) => {
	const o = objs["obj:" + ref];
	return o && (o.value !== undefined ? o.value : o.stream && o.stream.dict);
};
const deref = (v) => (typeof v === "string" && / R$/.test(v) ? get(v) : v);
const trailer = objs.trailer.value;
const root = deref(trailer["/Root"]);
const info = deref(trailer["/Info"]);
const say = (name, cond, detail) => {
	console.log((cond ? "ok - " : "not ok - ") + name);
	if (!cond && detail) console.log("#   " + detail);
};
say("/Lang (fr-FR) in the catalog", root["/Lang"] === "u:fr-FR", root["/Lang"]);
const vp = deref(root["/ViewerPreferences"]) || {};
say("DisplayDocTitle", vp["/DisplayDocTitle"] === true);
say("MarkInfo /Marked true", (deref(root["/MarkInfo"]) || {})["/Marked"] === true);
say("StructTreeRoot", root["/StructTreeRoot"] !== undefined);
say("trailer /ID", Array.isArray(trailer["/ID"]) && trailer["/ID"].length === 2);
say("creation date in PDF form", /^u:D:\d{14}Z$/.test(info["/CreationDate"]), info["/CreationDate"]);
say("XMP: PDF/UA identifier", /<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp));
say("XMP: title and language", /<dc:title>.*\S.*<\/dc:title>/s.test(xmp) && /<rdf:li>fr-FR<\/rdf:li>/.test(xmp));
let figures = 0, withAlt = 0, bad = [];
for (const k of Object.keys(objs)) {
	const v = objs[k].value;
	if (v && v["/S"] === "/Figure") {
		figures++;
		const alt = v["/Alt"];
		if (typeof alt === "string" && alt.length > 4 && !/^u:\s*$/.test(alt)) withAlt++;
		else bad.push(k);
	}
}
say(`every Figure has alternative text (${withAlt}/${figures})`, figures > 0 && withAlt === figures, bad.slice(0, 5).join(" "));
let headings = 0;
for (const k of Object.keys(objs)) {
	const v = objs[k].value;
	if (v && /^\/H[1-6]$/.test(v["/S"] || "")) headings++;
}
say(`headings tagged (${headings})`, headings > 20);
// Lists: L > LI > (Lbl, LBody), nothing else in between.
const S = {};
let misplaced = [];
for (const k of Object.keys(objs)) {
	const v = objs[k].value;
	if (!v || !v["/S"]) continue;
	S[v["/S"]] = (S[v["/S"]] || 0) + 1;
	const par = v["/P"] && deref(v["/P"]);
	const p = par && par["/S"];
	if ((v["/S"] === "/LI" && p !== "/L") ||
	    ((v["/S"] === "/Lbl" || v["/S"] === "/LBody") && p !== "/LI"))
		misplaced.push(`${v["/S"]} in ${p}`);
}
say(`lists tagged L > LI > Lbl, LBody (${S["/L"] || 0} lists, ${S["/LI"] || 0} items)`,
    S["/L"] > 0 && S["/LI"] === S["/Lbl"] && S["/LI"] === S["/LBody"] &&
    misplaced.length === 0, misplaced.slice(0, 5).join(", "));
