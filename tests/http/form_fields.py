"""Reads an HTML form page (argv[1]) and prints the body a browser would
post from its first POST form but the header's "Log out" (inputs, checked boxes, selected options,
textareas; no button), url-encoded, with NAME=VALUE arguments (argv[2:])
replacing or adding fields. Newlines in values are sent as CRLF, as a
browser sends them."""
import sys
import urllib.parse
from html.parser import HTMLParser


class Form(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.inside, self.done = [], False, False
        self.text = self.select = self.option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("method") or "").lower() == "post" and \
                not (a.get("action") or "").endswith("/logout"):
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append([a["name"], a.get("value") or ""])
        elif tag == "textarea" and a.get("name"):
            self.text = [a["name"], ""]
            self.fields.append(self.text)
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.option = [self.select, a.get("value")]
            self.fields.append(self.option)

    def handle_data(self, data):
        if self.text is not None:
            self.text[1] += data
        if self.option is not None and self.option[1] is None:
            self.option[1] = data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.text = None
        elif tag == "option" and self.option is not None:
            self.option[1] = self.option[1] or ""
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


f = Form()
f.feed(open(sys.argv[1], encoding="utf-8").read())
fields = [(k, v) for k, v in f.fields]
for arg in sys.argv[2:]:
    k, v = arg.split("=", 1)
    fields = [(a, b) for a, b in fields if a != k] + [(k, v)]
print(urllib.parse.urlencode([(k, v.replace("\r\n", "\n").replace("\n", "\r\n")) for k, v in fields]), end="")
