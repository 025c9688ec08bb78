#!/bin/sh
# Two seats in two folders: a copy loop standing in for a network share or a sync tool.
#
#   examples/seat-sync.sh MEETING.yaml FOLDER_A SEAT_A FOLDER_B SEAT_B [SECONDS]
#   examples/seat-sync.sh 2017-11-20-raadsplein-takzaal.yaml /srv/chair chair /mnt/clerk clerk
#
# The console of seat SEAT_A runs on FOLDER_A/MEETING.yaml, that of SEAT_B on FOLDER_B's copy of
# the meeting (`gavel MEETING.yaml --seat NAME` in each). Every SECONDS (default 0.5) each seat's
# own file, MEETING.seat-NAME.automerge, is copied to the other folder when it moved (it changes
# on every record and is touched every 5 s, which tells the other seat this one is there): to a
# temporary name in the target folder first, then renamed, so a console never reads half a file.
# Only the seats' own files go across: never the YAML minutes (each folder's console writes its
# own) and never a lock. Stop it with Ctrl-C; the seats go on alone and merge when it runs again.
set -eu

usage() {
    sed -n '2,13s/^# \{0,1\}//p' "$0" >&2
    exit 2
}
[ $# -eq 5 ] || [ $# -eq 6 ] || usage
meeting=$(basename "$1")
a=$2 seat_a=$3 b=$4 seat_b=$5 every=${6:-0.5}
for folder in "$a" "$b"; do
    [ -d "$folder" ] || { echo "seat-sync: $folder is not a folder" >&2; exit 1; }
done
stem=${meeting%.yaml}
stem=${stem%.yml}

# copy FROM_FOLDER SEAT TO_FOLDER: the seat's own file, if it is newer than the copy there.
copy() {
    file="$stem.seat-$2.automerge"
    [ -f "$1/$file" ] || return 0
    # cp -p keeps the file's time: the copy is not newer than its source, so it goes only once
    # (and again when its time moves, or its bytes, on a share that keeps whole seconds).
    if [ -e "$3/$file" ] && ! [ "$1/$file" -nt "$3/$file" ] && cmp -s "$1/$file" "$3/$file"; then
        return 0
    fi
    tmp="$3/.$file.seat-sync.$$"
    if cp -p "$1/$file" "$tmp" 2>/dev/null && mv -f "$tmp" "$3/$file"; then
        echo "$(date +%T) $2: $1 -> $3"
    else
        rm -f "$tmp"   # a folder gone for a moment: tried again next time
    fi
}

echo "seat-sync: $seat_a in $a <-> $seat_b in $b, every ${every}s (Ctrl-C stops)"
while :; do
    copy "$a" "$seat_a" "$b"
    copy "$b" "$seat_b" "$a"
    sleep "$every"
done
