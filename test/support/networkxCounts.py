"""Reads graph exports back with networkx, a reader independent of greengraph.

Usage: python3 networkxCounts.py FILE...  (each .graphml or .gexf)
Prints one JSON object: {"FILE": {"nodes": N, "edges": M, "nodeTypes": {...}}, ...}.
Parallel edges are kept (networkx returns a multigraph when there are any).
"""
import json
import sys
from collections import Counter

import networkx as nx
from networkx.readwrite import gexf

# networkx learnt the GEXF 1.3 namespace in 3.0; Debian 12 ships 2.8, whose
# reader is the same for everything a 1.3 file here uses (1.3 changed no
# element or attribute that greengraph writes), so it is told the namespace.
if "1.3" not in gexf.GEXF.versions:
    gexf.GEXF.versions["1.3"] = {
        **gexf.GEXF.versions["1.2draft"],
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }


def read(path):
    if path.endswith(".graphml"):
        return nx.read_graphml(path)
    if path.endswith(".gexf"):
        return nx.read_gexf(path, version="1.3")
    raise SystemExit(f"not a GraphML or GEXF file: {path}")


def main(paths):
    counts = {}
    for path in paths:
        graph = read(path)
        counts[path] = {
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "directed": graph.is_directed(),
            "nodeTypes": dict(Counter(data.get("type") for _, data in graph.nodes(data=True))),
        }
    json.dump(counts, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
