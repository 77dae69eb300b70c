"""The pure core: scoring, the journal, the estimate and its calibration, the planner.

No Textual, no click, no database. Records are frozen dataclasses, except the small ones
defined before the app's first frame (Pillar, Band, ActivityType, Change, Tip): those are
NamedTuples, which Python builds about ten times faster.
"""
