"""Allow `python -m ssi_tui`."""

from ssi_tui.launch import main

if __name__ == "__main__":
    main()
