"""Validates DCAT-AP documents with pyshacl and compares their two forms (for OpenDataDCATTests).

    python3 shacl_check.py SHAPES TURTLE JSONLD

Prints one line per document, `<file>: conforms=<bool> violations=<n> triples=<n>`, then
`isomorphic=<bool>` (the Turtle and the JSON-LD hold the same graph), then the text of the
first report that does not conform. Exit 0 when it ran (the test reads the lines).
"""
import sys

from pyshacl import validate
from rdflib import Graph
from rdflib.compare import isomorphic

shapes_path, turtle_path, jsonld_path = sys.argv[1:4]
shapes = Graph().parse(shapes_path, format="turtle")
graphs = {}
reports = []
for path, fmt in ((turtle_path, "turtle"), (jsonld_path, "json-ld")):
    data = Graph().parse(path, format=fmt)
    graphs[fmt] = data
    conforms, results, text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = text.count("Severity: sh:Violation") + text.count("Severity: shacl:Violation")
    print(f"{path}: conforms={conforms} violations={violations} triples={len(data)}")
    if not conforms:
        reports.append(text)
print(f"isomorphic={isomorphic(graphs['turtle'], graphs['json-ld'])}")
for text in reports[:1]:
    print(text[:6000])
