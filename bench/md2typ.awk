# A board paper's body (Markdown) as Typst markup, near enough for make
# bench to give Typst the same text to set: headings, numbered and bullet
# lists, emphasis, and Typst's special characters escaped.
function esc(s) {
	gsub(/\\/, "\\\\", s); gsub(/[#$@<>`~=_]/, "\\\\&", s)
	gsub(/\*\*/, "\001", s); gsub(/\*/, "_", s); gsub(/\001/, "*", s)
	return s
}
BEGIN { print "#set page(paper: \"a4\", margin: 25mm)"; print "#set text(font: \"Liberation Sans\", size: 12pt)"; print "#set par(justify: false)"; print "#set enum(numbering: \"1.1.\", full: true)" }
/^#+ / { n = index($0, " "); h = substr($0, 1, n - 1); gsub(/#/, "=", h); print h " " esc(substr($0, n + 1)); next }
/^ *[0-9]+\. / { sub(/[0-9]+\. /, "+ "); print esc($0); next }
/^ *[-*] / { sub(/[-*] /, "- "); print esc($0); next }
{ print esc($0) }
