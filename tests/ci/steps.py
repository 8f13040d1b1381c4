#!/usr/bin/env python3
"""Writes the steps of an example CI pipeline to a folder, so that
tests/t-pipeline.sh runs what the file says.

    steps.py github WORKFLOW.yml DIR
    steps.py gitlab .gitlab-ci.yml DIR

DIR/env.sh      the pipeline's variables, as `export NAME='value'` lines
DIR/NN.run      a shell step, as written (GitHub: one per step; GitLab:
                before_script and script of the job, one file)
DIR/NN.uses     a forge action (GitHub): its name on the first line, then
                its `with:` inputs as name=value lines
DIR/artifacts   what the job keeps: `path P` and `codequality P` lines
"""
import os
import shlex
import sys

import yaml


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def env_file(d, *maps):
    lines = []
    for m in maps:
        for k, v in (m or {}).items():
            if "${{" in str(v):
                sys.exit(f"steps.py: {k}: expressions are not run here")
            lines.append(f"export {k}={shlex.quote(str(v))}\n")
    write(os.path.join(d, "env.sh"), "".join(lines))


def github(doc, d):
    (name, job), = doc["jobs"].items()
    env_file(d, doc.get("env"), job.get("env"))
    shell = job.get("defaults", {}).get("run", {}).get("shell", "sh -e {0}")
    if shell != "sh -e {0}":
        sys.exit(f"steps.py: shell {shell!r}: only sh -e is run here")
    for i, st in enumerate(job["steps"], 1):
        if "env" in st:
            sys.exit("steps.py: step env: not run here")
        if "run" in st:
            if "${{" in st["run"]:
                sys.exit("steps.py: expressions are not run here")
            write(os.path.join(d, f"{i:02d}.run"), st["run"])
        else:
            w = "".join(f"{k}={v}\n" for k, v in (st.get("with") or {}).items())
            write(os.path.join(d, f"{i:02d}.uses"), st["uses"] + "\n" + w)
            if st["uses"].startswith("actions/upload-artifact"):
                write(os.path.join(d, "artifacts"),
                      "".join(f"path {p}\n" for p in
                              str(st["with"]["path"]).split()))


RESERVED = {"stages", "variables", "default", "workflow", "include", "image",
            "services", "before_script", "after_script", "cache"}


def gitlab(doc, d):
    jobs = [k for k in doc if k not in RESERVED and not k.startswith(".")]
    if len(jobs) != 1:
        sys.exit(f"steps.py: expected one job, got {jobs}")
    job = doc[jobs[0]]
    env_file(d, doc.get("variables"), job.get("variables"))
    before = job.get("before_script",
                     (doc.get("default") or {}).get("before_script", []))
    lines = list(before) + list(job["script"])
    write(os.path.join(d, "01.run"), "\n".join(lines) + "\n")
    art = job.get("artifacts") or {}
    out = "".join(f"path {p}\n" for p in art.get("paths", []))
    cq = (art.get("reports") or {}).get("codequality")
    if cq:
        out += f"codequality {cq}\n"
    write(os.path.join(d, "artifacts"), out)


def main():
    forge, path, d = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    os.makedirs(d, exist_ok=True)
    {"github": github, "gitlab": gitlab}[forge](doc, d)


main()
