#!/usr/bin/env python3
"""Checks that the fuzz build's source lists cover what each fuzz target links.

usage: check_fuzzed_sources.py LISTS_FILE MAP_DIR TARGET...

LISTS_FILE has two lines, "parser <sources>" and "models <sources>" (paths under src/), written by
tests/fuzz/CMakeLists.txt. MAP_DIR holds fuzz_replay_<target>.map, the GNU ld link map of each
replay binary (linked against the whole core library). Every core-library member a target pulls
in must be compiled into the fuzz build too: the parser list for parser targets, either list for
model_files and taste_profile (linked against both). Members are matched by file name, the only
part an archive keeps. Exits 1 naming each missing source and the target that needs it.
"""
import os
import re
import sys

MODEL_TARGETS = {"model_files", "taste_profile"}
MEMBER = re.compile(r"libsonic_core\.a\(([^)]+)\.o\)")


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    lists_file, map_dir, targets = argv[1], argv[2], argv[3:]
    names = {}
    with open(lists_file, encoding="utf-8") as lists:
        for line in lists:
            kind, *sources = line.split()
            names[kind] = {os.path.basename(source) for source in sources}
    missing = []
    for target in targets:
        map_path = os.path.join(map_dir, f"fuzz_replay_{target}.map")
        try:
            with open(map_path, encoding="utf-8", errors="replace") as link_map:
                members = set(MEMBER.findall(link_map.read()))
        except OSError as error:
            print(f"{map_path}: cannot read the link map ({error.strerror})", file=sys.stderr)
            return 1
        if not members:
            print(f"{map_path}: names no member of libsonic_core.a (not a GNU ld map?)", file=sys.stderr)
            return 1
        allowed = names["parser"] | (names["models"] if target in MODEL_TARGETS else set())
        missing += [(target, member) for member in sorted(members - allowed)]
    for target, member in missing:
        print(f"fuzz target {target} links {member}, which tests/fuzz/CMakeLists.txt does not list "
              f"for the fuzz build: add it", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
