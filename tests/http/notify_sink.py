"""A stand-in for systemd's notification socket ($NOTIFY_SOCKET): binds a
datagram socket at PATH and writes each datagram received to LOG, one a
line, its newlines as "|". Runs until killed.
Usage: python3 tests/http/notify_sink.py PATH LOG"""
import socket
import sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a") as log:
    while True:
        log.write(s.recv(4096).decode().replace("\n", "|") + "\n")
        log.flush()
