"""The pure core: scoring, the journal, the estimate and its calibration, the planner.

No Textual, no click, no database. Records are frozen dataclasses, except the small ones
the app defines before its first frame (Pillar, Band, Change, Tip): those are NamedTuples,
which Python builds about ten times faster.
"""
