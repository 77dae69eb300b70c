"""The app in a browser tab (`ssi-tui serve`), over the optional textual-serve package."""
