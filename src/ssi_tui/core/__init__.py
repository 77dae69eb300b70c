"""The pure core: scoring, the journal, the estimate and its calibration, the planner.

No Textual, no click, no database. Records are frozen dataclasses, except those the app
defines or builds by the hundred before its first frame (Reading, Pillar, Band, Change,
Tip, ActivityType, Estimate, EstimateWeights, ProfileFigures, Calibration): those are
NamedTuples, which Python defines about ten times faster and builds several times faster.
"""
