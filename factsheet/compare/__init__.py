"""Two briefings → what changed between them.

In: two facts.json files (or the briefing being built, summarised the same
way). Out: `Changes`: new facts, facts with more or fewer independent
sources, grade changes, new and settled conflicts, facts merged, split or no
longer reported (with the reason), new and vanished articles and outlets.

Sits low (beside ingest and extract) because it reads only facts.json-shaped
data and the model: render shows its result, build finds the previous
briefing, the command line runs `factsheet diff`. Never imports a stage.
"""
