#!/bin/sh
# Type-checks the Node project and the console's at once: on two cores that takes the longer one's
# time rather than the sum (tsc -p . about 30 s, tsc -p web about 9 s). Fails if either fails.
tsc -p . &
root=$!
tsc -p web
web=$?
wait "$root"
root_status=$?
[ "$root_status" -eq 0 ] && [ "$web" -eq 0 ]
