#!/bin/sh
# Makes the example meetings' PDF attachments (meetings/bijlagen/*.pdf) from their texts
# (examples/bijlagen-tekst/*.txt: the bijlagen of 20 November 2017, cut from seed 000 as
# meetings/NOTES-seed000.md describes), with LibreOffice, as a griffie's PDFs are made.
#
#   examples/make-pdfs.sh            # all of them
#   examples/make-pdfs.sh FILE.txt   # one
#
# Each line of the text stays one line of the PDF (9.5 pt on A4), so the reader's pages and
# lines are those of the text. Needs soffice (LibreOffice) on the PATH.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../meetings/bijlagen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "make-pdfs: soffice (LibreOffice) is not installed" >&2; exit 1; }
[ $# -gt 0 ] || set -- "$here"/bijlagen-tekst/*.txt
for txt in "$@"; do
    name=$(basename "$txt" .txt)
    title=$(grep -m1 . "$txt" | sed 's/^ *//; s/&/\&amp;/g; s/</\&lt;/g')
    {
        printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>%s</title>\n' "$title"
        printf '<style>p { font-family: "Liberation Sans"; font-size: 9.5pt; margin: 0 }</style>\n'
        printf '</head><body>\n'
        # The text's own blank lines stay (they are the extraction's line spacing).
        sed 's/[[:space:]]*$//; s/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s|^$|<p>\&nbsp;</p>|; s|^\(..*\)$|<p>\1</p>|' "$txt"
        printf '</body></html>\n'
    } > "$work/$name.html"
    soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$work" "$work/$name.html" >/dev/null
    mv "$work/$name.pdf" "$out/$name.pdf"
    echo "$out/$name.pdf"
done
