"""The draft analyzer and the format model.

Importing this package must stay cheap: NLTK, scikit-learn, NumPy and skops load only when a
function needs them (the app does that in a worker), so nothing heavy is re-exported here.

Light modules: `features` (NLTK loads on first analysis), `advice`, `history`, `benchmarks`,
`paths`. Heavy modules (import them lazily): `model` and the modules it gathers.
"""
