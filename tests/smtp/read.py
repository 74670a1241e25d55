#!/usr/bin/env python3
"""Prints one part of a message the sink kept, decoded as a mail reader
would: read.py FILE.eml FIELD, FIELD a header's name (each occurrence on
a line), "body" (the text), or "headers" (every header's name)."""
import email
import email.policy
import sys

msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
field = sys.argv[2]
if field == "body":
    sys.stdout.write(msg.get_content().replace("\r\n", "\n"))
elif field == "headers":
    print("\n".join(msg.keys()))
else:
    for v in msg.get_all(field, []):
        print(v)
