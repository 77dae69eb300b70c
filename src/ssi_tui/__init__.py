"""ssi-tui: a private, offline coach for LinkedIn's Social Selling Index."""

__version__ = "0.1.0"
