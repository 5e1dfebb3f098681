"""Running a build: inputs on disk → outputs on disk, atomically.

In: input paths, rules and a project file. Out: the output folder (HTML,
PDF, facts.json, facts.csv, run log), written all-or-nothing under a lock,
with the cache, spool and worker pool that make big builds fit.

The top stage below the command line: it may import every stage, but never
`factsheet.cli`; only the command line and the public API import it.
"""
