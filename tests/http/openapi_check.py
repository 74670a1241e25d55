#!/usr/bin/env python3
"""Checks of the OpenAPI document (static/openapi.json) for the HTTP tests.

  openapi_check.py covers DOC FIELD_C
      The document describes every node type of the field table
      (src/model/field.c) with exactly its keys, in export order ("nid",
      "type", then the table's), each of the schema its kind gives; object
      fields with their sub-fields, FIELD_PRIVATE ones (the contact's
      e-mail) absent; FIELD_REQUIRED ones not nullable; dates date-time.
  openapi_check.py valid DOC SCHEMA FILE
      FILE (JSON) is an instance of components.schemas.SCHEMA: a small
      validator of the OpenAPI 3.0 subset the document uses, strict: a key
      the schema does not list is an error, so a leaked field fails.

Exit 0 when it holds; else 1 with one line per fault on stderr.
"""
import json
import re
import sys

# ---- the field table, read from its C source ----


def c_source(path):
    """field.c without comments, continuation lines joined."""
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return text.replace("\\\n", " ")


def macros(text):
    """{name: (params or None, body)} of the file's #defines."""
    out = {}
    for m in re.finditer(r"^#define\s+(\w+)(\(([^)]*)\))?\s*(.*)$", text, flags=re.M):
        params = [p.strip() for p in m.group(3).split(",")] if m.group(2) else None
        out[m.group(1)] = (params, m.group(4).strip())
    return out


def split_top(s, sep=","):
    """s split at sep outside (), {} and string literals."""
    parts, depth, cur, quoted = [], 0, "", False
    for i, ch in enumerate(s):
        if ch == '"' and (i == 0 or s[i - 1] != "\\"):
            quoted = not quoted
        elif not quoted and ch in "({":
            depth += 1
        elif not quoted and ch in ")}":
            depth -= 1
        if ch == sep and depth == 0 and not quoted:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def expand(s, defs):
    """s with the file's own macros expanded (until nothing changes)."""
    for _ in range(10):
        before = s

        # function-like macros: NAME(args) with args free of nested parens
        def call(m):
            params, body = defs[m.group(1)]
            args = split_top(m.group(2))
            for p, a in zip(params, args):
                body = re.sub(r"\b%s\b" % re.escape(p), a, body)
            return body

        fn = [k for k, v in defs.items() if v[0] is not None]
        obj = [k for k, v in defs.items() if v[0] is None]
        if fn:
            s = re.sub(r"\b(%s)\s*\(([^()]*)\)" % "|".join(fn), call, s)
        if obj:
            s = re.sub(r"\b(%s)\b" % "|".join(obj), lambda m: defs[m.group(1)][1], s)
        if s == before:
            return s
    return s


COLUMNS = ["key", "kind", "offset", "flags", "min", "max", "check", "column", "search", "facet",
           "widget", "label", "sub", "sub_size"]


def field_tables(path):
    """{table name: [field dict]} and {type name: table name}."""
    text = c_source(path)
    defs = macros(text)
    tables = {}
    for m in re.finditer(r"static const struct field (\w+)\[\]\s*=\s*\{(.*?)\n\};", text, flags=re.S):
        body = expand(m.group(2), defs)
        fields = []
        for entry in split_top(body):
            if not entry.startswith("{"):
                continue
            cells = split_top(entry[1:-1])
            if cells[0].replace(" ", "") in ("NULL", ".key=NULL"):  # the sentinel
                break
            f = dict(zip(COLUMNS, cells))
            f["key"] = f["key"].strip('"')
            f["flags"] = set(re.findall(r"FIELD_\w+", f["flags"]))
            fields.append(f)
        tables[m.group(1)] = fields
    types = {}
    m = re.search(r"tables\[\]\s*=\s*\{(.*?)\};", text, flags=re.S)
    for t, name in re.findall(r"\[NODE_(\w+)\]\s*=\s*(\w+)", m.group(1)):
        types[t.lower()] = name
    return tables, types


# ---- the document ----


def resolve(doc, schema):
    """schema with a $ref (or a lone allOf of one, as nullable refs are
    written in OpenAPI 3.0) followed; its own keys kept."""
    while True:
        if "$ref" in schema:
            target = doc
            for part in schema["$ref"].lstrip("#/").split("/"):
                target = target[part]
            schema = dict(target, **{k: v for k, v in schema.items() if k != "$ref"})
        elif "allOf" in schema and len(schema["allOf"]) == 1:
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            schema = dict(resolve(doc, schema["allOf"][0]), **rest)
        else:
            return schema


KIND_TYPE = {"FK_STRING": "string", "FK_TEXT": "string", "FK_DATE": "string", "FK_LANGUAGE": "string",
             "FK_INT": "integer", "FK_NID": "integer", "FK_REAL": "number", "FK_STRINGS": "array",
             "FK_SECTIONS": "array", "FK_OBJECTS": "array", "FK_OBJECT": "object"}


def check_field(doc, tables, where, f, prop, faults):
    s = resolve(doc, prop)
    want = KIND_TYPE[f["kind"]]
    if s.get("type") != want:
        faults.append("%s: type %s, the table's %s wants %s" % (where, s.get("type"), f["kind"], want))
    scalar = f["kind"] not in ("FK_STRINGS", "FK_SECTIONS", "FK_OBJECTS")
    required = "FIELD_REQUIRED" in f["flags"] or "FIELD_STAMP" in f["flags"]
    if scalar and bool(s.get("nullable")) == required:
        faults.append("%s: nullable must be %s" % (where, not required))
    if f["kind"] == "FK_DATE" and s.get("format") != "date-time":
        faults.append("%s: a date, format date-time" % where)
    if f["check"] == "CHECK_URL" and s.get("format") != "uri":
        faults.append("%s: a URL, format uri" % where)
    if f["kind"] in ("FK_INT", "FK_REAL") and re.fullmatch(r"-?\d+", f["min"]) and re.fullmatch(r"-?\d+", f["max"]):
        if s.get("minimum") != int(f["min"]) or s.get("maximum") != int(f["max"]):
            faults.append("%s: minimum %s and maximum %s" % (where, f["min"], f["max"]))
    if f["kind"] in ("FK_OBJECT", "FK_OBJECTS"):
        sub = tables[f["sub"]]
        obj = resolve(doc, s["items"]) if f["kind"] == "FK_OBJECTS" else s
        check_object(doc, tables, where, sub, [], obj, faults)


def check_object(doc, tables, where, fields, head, schema, faults):
    """schema lists head + the public fields, in order; every one required
    (the export writes every key, null when unset); each as its kind."""
    props = schema.get("properties", {})
    public = [f for f in fields if "FIELD_PRIVATE" not in f["flags"]]
    want = head + [f["key"] for f in public]
    if list(props) != want:
        faults.append("%s: properties %s, the table has %s" % (where, list(props), want))
    if schema.get("required") != want:
        faults.append("%s: required %s, want %s" % (where, schema.get("required"), want))
    for f in fields:
        if "FIELD_PRIVATE" in f["flags"]:
            if f["key"] in props:
                faults.append("%s.%s is private: never in the public API" % (where, f["key"]))
        elif f["key"] in props:
            check_field(doc, tables, "%s.%s" % (where, f["key"]), f, props[f["key"]], faults)


def covers(doc_path, field_c):
    doc = json.load(open(doc_path, encoding="utf-8"))
    tables, types = field_tables(field_c)
    faults = []
    if len(types) != 4 or any(not tables.get(t) for t in types.values()):
        faults.append("could not read the field tables of %s: %s" % (field_c, types))
    node = doc["components"]["schemas"]["Node"]
    mapping = node.get("discriminator", {}).get("mapping", {})
    if sorted(mapping) != sorted(types):
        faults.append("Node's discriminator maps %s, the types are %s" % (sorted(mapping), sorted(types)))
    listed = [resolve(doc, one) for one in node["oneOf"]]
    for t, table in types.items():
        schema = next((s for s in listed if s["properties"]["type"].get("enum") == [t]), None)
        if schema is None:
            faults.append("Node has no schema of type %s" % t)
            continue
        if t in mapping and resolve(doc, {"$ref": mapping[t]}) != schema:
            faults.append("the discriminator maps %s to another schema" % t)
        check_object(doc, tables, t, tables[table], ["nid", "type"], schema, faults)
    for path in ("/nodes", "/search"):
        params = {p["name"]: p for p in doc["paths"][path]["get"]["parameters"]}
        if params.get("type", {}).get("schema", {}).get("items", {}).get("enum") != list(types):
            faults.append("%s: the type parameter must list %s" % (path, list(types)))
    if doc["components"]["schemas"]["Hit"]["properties"]["type"].get("enum") != list(types):
        faults.append("Hit.type must list %s" % list(types))
    return faults


# ---- instances ----

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
JSON_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list,
              "object": dict}


def validate(doc, schema, v, where, faults):
    s = resolve(doc, schema)
    if "oneOf" in s:
        disc = s.get("discriminator", {})
        target = disc.get("mapping", {}).get(v.get(disc.get("propertyName")) if isinstance(v, dict) else None)
        if target is None:
            faults.append("%s: no schema of oneOf for %r" % (where, v))
        else:
            validate(doc, {"$ref": target}, v, where, faults)
        return
    if v is None:
        if not s.get("nullable"):
            faults.append("%s: null, not nullable" % where)
        return
    t = s.get("type")
    if t and (not isinstance(v, JSON_TYPES[t]) or (t in ("integer", "number") and isinstance(v, bool))):
        faults.append("%s: %r is not %s" % (where, v, t))
        return
    if "enum" in s and v not in s["enum"]:
        faults.append("%s: %r not in %s" % (where, v, s["enum"]))
    if "minimum" in s and v < s["minimum"] or "maximum" in s and v > s["maximum"]:
        faults.append("%s: %r out of range" % (where, v))
    if s.get("format") == "date-time" and not DATE_TIME.match(v):
        faults.append("%s: %r is not an RFC 3339 date-time" % (where, v))
    if s.get("format") == "uri" and not re.match(r"^https?://", v):
        faults.append("%s: %r is not an http(s) URI" % (where, v))
    if t == "array":
        for i, item in enumerate(v):
            validate(doc, s.get("items", {}), item, "%s[%d]" % (where, i), faults)
    if t == "object" and "properties" in s:
        for k in s.get("required", []):
            if k not in v:
                faults.append("%s: %s missing" % (where, k))
        for k, item in v.items():
            if k not in s["properties"]:
                faults.append("%s.%s: not in the schema" % (where, k))
            else:
                validate(doc, s["properties"][k], item, "%s.%s" % (where, k), faults)


def main(argv):
    if len(argv) == 4 and argv[1] == "covers":
        faults = covers(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "valid":
        doc = json.load(open(argv[2], encoding="utf-8"))
        faults = []
        validate(doc, {"$ref": "#/components/schemas/" + argv[3]},
                 json.load(open(argv[4], encoding="utf-8")), argv[3], faults)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for f in faults:
        print("openapi: " + f, file=sys.stderr)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
