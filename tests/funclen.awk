# The functions of C files written in OpenBSD style (style(9)): the
# return type on a line of its own, the name at column 0, the body's
# braces at column 0.  Prints one line a definition,
#	file:line: name: N lines
# N counted from the name's line to the closing brace's, and one line
#	file:line: unparsed: why
# for whatever this reading cannot vouch for (a body opened elsewhere
# than column 0, braces that do not balance), so that an odd file fails
# the check instead of passing it unread.  Braces are counted outside
# comments, strings and character constants.

# The line with comments, strings and character constants blanked.
function code(s,	out, i, n, c, q) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (incomment) {
			if (c == "*" && substr(s, i + 1, 1) == "/") {
				incomment = 0
				i++
			}
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "*") {
			incomment = 1
			i++
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "/")
			break
		if (c == "\"" || c == "'") {
			q = c
			for (i++; i <= n && substr(s, i, 1) != q; i++)
				if (substr(s, i, 1) == "\\")
					i++
			out = out q q
			continue
		}
		out = out c
	}
	return out
}

function bad(why) {
	printf "%s:%d: unparsed: %s\n", FILENAME, FNR, why
}

FNR == 1 {
	if (depth != 0)
		printf "%s: unparsed: braces do not balance\n", prev
	depth = 0; incomment = 0; name = ""; infunc = 0
	prev = FILENAME
}

{
	s = code($0)
	opens = gsub(/{/, "{", s)
	closes = gsub(/}/, "}", s)
}

depth == 0 && !infunc {
	if ($0 ~ /^[A-Za-z_][A-Za-z0-9_]*\(/) {
		name = $0
		sub(/\(.*/, "", name)
		start = FNR
	} else if ($0 ~ /^{/) {
		if (name == "")
			bad("a brace at column 0 after no function name")
		infunc = 1
	} else if ($0 ~ /^[^ \t#]/)
		name = ""
	if (name != "" && !infunc && opens > 0) {
		bad("a function body not opened at column 0")
		name = ""
	}
	if (s ~ /;[ \t]*$/)
		name = ""
}

{
	depth += opens - closes
	if (depth < 0) {
		bad("a closing brace too many")
		depth = 0
	}
}

infunc && depth == 0 {
	if ($0 !~ /^}/)
		bad("a function body closed elsewhere than column 0")
	printf "%s:%d: %s: %d lines\n", FILENAME, start, name,
	    FNR - start + 1
	infunc = 0; name = ""
}

END {
	if (depth != 0)
		printf "%s: unparsed: braces do not balance\n", prev
}
