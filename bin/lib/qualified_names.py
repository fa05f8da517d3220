"""Finds (and with --fix, replaces by an import) types named inline by their fully qualified name.

google-java-format orders and prunes imports but never adds one, so `new java.util.HashMap<>()`
survives the formatter; this check refuses it. Comments, string literals, text blocks, package and
import lines are not code and are ignored. A qualified name stays where its simple name would clash
with another type of the file (an import, a declared type, a class of the same package): --fix
leaves those and lists them, and ALLOWED names the files where such a clash is the reason.
"""
import os
import re
import sys

ROOTS = "java|javax|jdk|sun|com|org|software|gg|bloghome"
QUALIFIED = re.compile(r"(?<![\w.])((?:" + ROOTS + r")(?:\.[a-z0-9_]+)+)\.([A-Z][A-Za-z0-9_]*)")
# Files that use two types of one simple name, so one of them must stay qualified.
ALLOWED = {
    # the SDK's AttributeValue (imported) and the Lambda stream event's AttributeValue
    "local-stack/src/main/java/bloghome/local/StreamRecords.java",
}


def code_only(text):
    """The text with comments and literals blanked (line breaks kept), so offsets still match."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
        elif text[i] in "\"'":
            quote, j = text[i], i + 1
            while j < n and text[j] != quote and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j += 1
        else:
            i += 1
            continue
        blank(i, j)
        i = j
    return "".join(out)


def hits(text):
    code = code_only(text)
    found, offset = [], 0
    for line in code.split("\n"):
        if not re.match(r"\s*(package|import)\b", line):
            for m in QUALIFIED.finditer(line):
                found.append((offset + m.start(), offset + m.end(), m.group(1), m.group(2)))
        offset += len(line) + 1
    return code, found


def fix(path, text):
    code, found = hits(text)
    package = re.search(r"^package ([\w.]+);", text, re.M).group(1)
    imported = {m.group(3): m.group(2) + "." + m.group(3)
                for m in re.finditer(r"^import (static )?([\w.]+)\.(\w+);", text, re.M) if not m.group(1)}
    declared = set(re.findall(r"\b(?:class|record|enum|interface)\s+(\w+)", code))
    same_package = {f[:-5] for f in os.listdir(os.path.dirname(path) or ".") if f.endswith(".java")}
    chosen, clashes = {}, set()
    for _, _, prefix, simple in found:
        name = prefix + "." + simple
        if prefix == package:
            chosen.setdefault(simple, name)
        elif (imported.get(simple, name) != name or simple in declared or simple in same_package
              or chosen.get(simple, name) != name):
            clashes.add(name)
        else:
            chosen[simple] = name
    for start, end, prefix, simple in sorted(found, reverse=True):
        name = prefix + "." + simple
        if chosen.get(simple) == name and name not in clashes:
            text = text[:start] + simple + text[end:]
    new_imports = sorted(n for s, n in chosen.items()
                         if s not in imported and n.rsplit(".", 1)[0] != package and n not in clashes)
    if new_imports:
        last = list(re.finditer(r"^import .*;\n", text, re.M))
        at = last[-1].end() if last else re.search(r"^package .*;\n", text, re.M).end()
        block = "".join("import %s;\n" % n for n in new_imports)
        text = text[:at] + ("" if last else "\n") + block + text[at:]
    return text, sorted(clashes)


def main(args):
    fixing = "--fix" in args
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.chdir(root)
    problems = 0
    for base, dirs, files in os.walk("."):
        dirs[:] = [d for d in dirs if d not in (".git", "target", "node_modules")]
        if "/src/" not in base + "/":
            continue
        for f in sorted(files):
            if not f.endswith(".java"):
                continue
            path = os.path.join(base, f)[2:]
            if path in ALLOWED:
                continue
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            if fixing:
                new, clashes = fix(path, text)
                if new != text:
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(new)
                for name in clashes:
                    print("%s: %s kept qualified (its simple name is taken)" % (path, name))
                continue
            for start, _, prefix, simple in hits(text)[1]:
                line = text.count("\n", 0, start) + 1
                print("%s:%d: %s.%s" % (path, line, prefix, simple))
                problems += 1
    if problems:
        print("bloghome: %d types named inline; import them (bin/check-qualified-names --fix)" % problems,
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
