#!/usr/bin/env python3
"""Holds the manual (man/praxis.1) to the command line it describes.

usage: tools/man_check.py PRAXIS [PAGE [TABLE]]
  PRAXIS  the binary whose --help texts are the truth
  PAGE    the manual (default man/praxis.1)
  TABLE   the source holding the command table (default src/cli/main.c)

Fails (exit 1, one line per finding) when
- a command of TABLE's `commands[]` has no subsection in the page's
  COMMANDS section (`.Ss NAME`), or no line in DESCRIPTION's list of the
  commands;
- a long option (--word) that `PRAXIS CMD --help` prints does not appear in
  CMD's subsection, or one that `PRAXIS help` prints appears nowhere;
- a variable PRAXIS_* that a --help text names is not in ENVIRONMENT;
- a --help run fails.
The page is read as mandoc renders it, since that is what a reader sees
(`.Fl -db` is "--db" only once rendered). The other direction, an option
documented as a command's (a tag of its option list) that its --help does
not print, is a "note:" line and no failure: parts of a change may land in
the page before the code (issue 16's options were written down from their
announcements). The lint (`mandoc -T lint`) is tests/cli/t_man.sh's."""
import re
import subprocess
import sys

# A long option as help texts and the rendered page write it: not the tail
# of a longer word ("x--y"), nor the bare "--" that ends the options.
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
VARIABLE = re.compile(r"\bPRAXIS_[A-Z_]+\b")


def table_commands(path):
    """The names of the command table, in its order: the lines
    `{"name", cmd_name, "what"},` between `commands[] = {` and `};`."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"commands\[\]\s*=\s*\{(.*?)\n\};", text, re.S)
    if not m:
        sys.exit("man_check: no commands[] table in %s" % path)
    return re.findall(r'\{\s*"([a-z][a-z-]*)"\s*,\s*cmd_\w+', m.group(1))


def render(page):
    """The page as plain text lines: -T ascii, its overstrikes (bold,
    underline) taken off, and so wide that no line breaks inside a word
    (mandoc may break "--smtp-retry" at its hyphens)."""
    out = subprocess.run(["mandoc", "-T", "ascii", "-O", "width=1000", page],
                         capture_output=True, text=True)
    if out.returncode > 1:  # 1: style messages only; the lint is apart
        sys.exit("man_check: mandoc cannot render %s: %s" % (page, out.stderr.strip()))
    return [re.sub(r".\x08", "", line) for line in out.stdout.split("\n")]


def sections(lines):
    """{SECTION: [lines]} and {subsection of COMMANDS: [lines]}: a section
    heading is rendered at column 0, a subsection heading at column 3, their
    text further in."""
    secs, subs = {}, {}
    sec = sub = None
    for line in lines[1:-1]:  # the header and footer lines name the page
        if line and not line[0].isspace():
            sec, sub = line.strip(), None
            secs[sec] = []
            continue
        if sec == "COMMANDS" and re.match(r"   \S", line):
            sub = line.strip()
            subs[sub] = []
            continue
        if sec:
            secs[sec].append(line)
        if sub:
            subs[sub].append(line)
    return secs, subs


def help_text(praxis, args, problems):
    """What `praxis ARGS` prints on stdout; a failed run is a problem (a
    --help that exits non-zero is broken for its readers too)."""
    out = subprocess.run([praxis] + args, capture_output=True, text=True)
    if out.returncode != 0:
        problems.append("'praxis %s' exited %d: %s" % (" ".join(args), out.returncode,
                                                         out.stderr.strip()))
    return out.stdout


def documented_options(body):
    """The tags of a subsection's option lists: lines at the list's indent
    (5 columns) that start with an option, up to the two spaces before the
    item's text when it follows on the same line; "--a n, --b n" tags two."""
    tags = set()
    for line in body:
        if re.match(r" {5}--", line):
            tags.update(OPTION.findall(re.split(r" {2,}", line.strip())[0]))
    return tags


def main():
    """Checks the page, prints notes and problems; exit 1 on a problem."""
    if len(sys.argv) < 2:
        sys.exit(__doc__.split("\n\n")[1])
    praxis = sys.argv[1]
    page = sys.argv[2] if len(sys.argv) > 2 else "man/praxis.1"
    table = sys.argv[3] if len(sys.argv) > 3 else "src/cli/main.c"
    problems, notes = [], []
    lines = render(page)
    secs, subs = sections(lines)
    whole = "\n".join(lines)
    environment = "\n".join(secs.get("ENVIRONMENT", []))
    description = "\n".join(secs.get("DESCRIPTION", []))

    for opt in sorted(set(OPTION.findall(help_text(praxis, ["help"], problems)))):
        if opt not in OPTION.findall(whole):
            problems.append("%s: %s, which 'praxis help' prints, is nowhere in the page" % (page, opt))
    commands = table_commands(table)
    for cmd in commands:
        text = help_text(praxis, [cmd, "--help"], problems)
        for var in sorted(set(VARIABLE.findall(text))):
            if var not in environment:
                problems.append("%s: ENVIRONMENT lacks %s, which 'praxis %s --help' names"
                                % (page, var, cmd))
        if not re.search(r"^ {5}%s {2,}\S" % re.escape(cmd), description, re.M):
            problems.append("%s: DESCRIPTION's list of the commands lacks %s" % (page, cmd))
        if cmd not in subs:
            problems.append("%s: no subsection '.Ss %s' under COMMANDS for the command %s"
                            % (page, cmd, cmd))
            continue
        body = "\n".join(subs[cmd])
        in_page = set(OPTION.findall(body))
        in_help = set(OPTION.findall(text))
        for opt in sorted(in_help - in_page):
            problems.append("%s: %s, which 'praxis %s --help' prints, is not under '.Ss %s'"
                            % (page, opt, cmd, cmd))
        for opt in sorted(documented_options(subs[cmd]) - in_help):
            notes.append("note: %s documents %s %s, which 'praxis %s --help' does not print"
                         % (page, cmd, opt, cmd))
    for sub in subs:
        if sub not in commands:
            notes.append("note: %s has '.Ss %s', which is not in %s's command table"
                         % (page, sub, table))
    for n in notes:
        print(n)
    for p in problems:
        print("man_check: " + p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print("man_check: %s covers the %d commands and their options" % (page, len(commands)))


if __name__ == "__main__":
    main()
