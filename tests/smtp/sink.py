#!/usr/bin/env python3
"""A mail relay for the tests: speaks enough SMTP (RFC 5321) for libcurl,
keeps every message it accepts as DIR/N.eml (the DATA as received, dot
stuffing undone) with DIR/N.json (the envelope: from, rcpt), written
whole before they appear (rename), and prints "port N" once listening.

    sink.py DIR [--port N] [--refuse] [--reject-rcpt SUBSTRING]

--refuse answers 451 (try later) to every MAIL FROM: a relay that is
there but not taking mail. --reject-rcpt answers 550 to a recipient that
holds SUBSTRING: a mailbox that does not exist (each such RCPT is
noted in DIR/rejected.txt)."""
import argparse
import json
import os
import socketserver
import sys
import threading

counter = threading.Lock()
seq = [0]


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        opts = self.server.opts
        self.reply("220 sink ESMTP")
        sender, rcpt = None, []
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-sink" if verb == "EHLO" else "250 sink")
                if verb == "EHLO":
                    self.reply("250 8BITMIME")
            elif verb == "MAIL":
                if opts.refuse:
                    self.reply("451 4.3.0 not now")
                    continue
                sender, rcpt = line[10:].strip(), []
                self.reply("250 ok")
            elif verb == "RCPT":
                to = line[8:].strip()
                if sender is None:
                    self.reply("503 5.5.1 MAIL first")
                elif opts.reject_rcpt and opts.reject_rcpt in to:
                    with counter, open(os.path.join(opts.dir, "rejected.txt"), "a") as f:
                        f.write(to + "\n")
                    self.reply("550 5.1.1 no such mailbox")
                else:
                    rcpt.append(to)
                    self.reply("250 ok")
            elif verb == "DATA":
                if not rcpt:
                    self.reply("503 5.5.1 RCPT first")
                    continue
                self.reply("354 go on")
                data = self.read_data()
                if data is None:
                    return
                self.keep(sender, rcpt, data)
                sender, rcpt = None, []
                self.reply("250 queued")
            elif verb == "RSET":
                sender, rcpt = None, []
                self.reply("250 ok")
            elif verb == "NOOP":
                self.reply("250 ok")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 5.5.2 not here")

    def read_data(self):
        out = []
        while True:
            raw = self.rfile.readline(1 << 20)
            if not raw:
                return None
            if raw in (b".\r\n", b".\n"):
                return b"".join(out)
            out.append(raw[1:] if raw.startswith(b"..") else raw)

    def keep(self, sender, rcpt, data):
        d = self.server.opts.dir
        with counter:
            seq[0] += 1
            n = seq[0]
        for name, body in ((f"{n}.json", json.dumps({"from": sender, "rcpt": rcpt}).encode()),
                           (f"{n}.eml", data)):
            tmp = os.path.join(d, "." + name)
            with open(tmp, "wb") as f:
                f.write(body)
            os.rename(tmp, os.path.join(d, name))


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--refuse", action="store_true")
    ap.add_argument("--reject-rcpt")
    opts = ap.parse_args()
    os.makedirs(opts.dir, exist_ok=True)
    srv = Server(("127.0.0.1", opts.port), Session)
    srv.opts = opts
    print(f"port {srv.server_address[1]}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
