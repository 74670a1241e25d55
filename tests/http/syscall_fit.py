"""Does a process tree fit a systemd unit's sandbox? Reads UNIT's
SystemCallFilter=, RestrictAddressFamilies= and MemoryDenyWriteExecute=
and the `strace -f` output in each TRACE, and lists what the unit would
refuse: a system call outside the filter (systemd kills the process), a
socket of a family not allowed, a mapping both writable and executable, or
an mprotect() adding PROT_EXEC. Groups (@system-service) are expanded with
`systemd-analyze syscall-filter`, so the check follows the systemd here.
Prints the calls used and exits 1 if any would be refused.
Usage: python3 tests/http/syscall_fit.py UNIT TRACE..."""
import re
import subprocess
import sys

groups = {}


def expand(name):
    """The system calls a filter item names (a group, recursively)."""
    if not name.startswith("@"):
        return {name}
    if name not in groups:
        out = subprocess.run(["systemd-analyze", "syscall-filter", name], check=True,
                             capture_output=True, text=True).stdout
        groups[name] = set()
        for line in out.splitlines()[1:]:
            line = line.strip()
            if line and not line.startswith("#"):
                groups[name] |= expand(line)
    return groups[name]


def unit_settings(path):
    """The allowed calls (systemd's rules: a first list without ~ allows, ~
    items then remove; an empty assignment resets), families, MDWE."""
    allowed, families, mdwe = None, None, False
    for line in open(path):
        key, _, value = line.strip().partition("=")
        if key == "SystemCallFilter":
            if not value:
                allowed = None
                continue
            deny = value.startswith("~")
            items = set()
            for item in value.lstrip("~").split():
                items |= expand(item)
            if allowed is None and deny:
                sys.exit("syscall_fit: a deny-list filter is not checked here: %s" % value)
            allowed = items if allowed is None else (allowed - items if deny else allowed | items)
        elif key == "RestrictAddressFamilies":
            families = set(value.split()) if value else None
        elif key == "MemoryDenyWriteExecute":
            mdwe = value in ("yes", "true", "1", "on")
    if allowed is None:
        sys.exit("syscall_fit: %s has no SystemCallFilter=" % path)
    return allowed, families, mdwe


CALL = re.compile(r"^(\d+) +([a-z_0-9]+)\((.*)")


def main():
    allowed, families, mdwe = unit_settings(sys.argv[1])
    used, refused = {}, []
    for trace in sys.argv[2:]:
        for line in open(trace, errors="replace"):
            m = CALL.match(line)
            if not m:
                continue  # "<... resumed>", signals, exits
            name, args = m.group(2), m.group(3)
            used[name] = used.get(name, 0) + 1
            if name not in allowed and used[name] == 1:
                refused.append("%s (killed by the filter): %s" % (name, line.strip()[:160]))
            if name == "socket" and families is not None:
                fam = args.split(",")[0]
                if fam not in families:
                    refused.append("socket family %s not allowed: %s" % (fam, line.strip()[:160]))
            if mdwe and name == "mmap" and "PROT_WRITE" in args and "PROT_EXEC" in args:
                refused.append("a writable, executable mapping: %s" % line.strip()[:160])
            if mdwe and name in ("mprotect", "pkey_mprotect") and "PROT_EXEC" in args:
                refused.append("mprotect to PROT_EXEC: %s" % line.strip()[:160])
    print("%d system calls used (%d calls); the filter allows %d" %
          (len(used), sum(used.values()), len(allowed)))
    print(" ".join(sorted(used)))
    for r in refused:
        print("REFUSED: " + r)
    sys.exit(1 if refused or not used else 0)


main()
