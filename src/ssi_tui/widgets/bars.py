"""Text bars that read the same with or without colour."""

from __future__ import annotations

from rich.text import Text

FULL = "█"
EMPTY = "░"


def bar(value: float, maximum: float, width: int, style: str = "bold") -> Text:
    """A bar of `width` cells filled in proportion to value/maximum (clamped)."""
    share = 0.0 if maximum <= 0 else min(max(value / maximum, 0.0), 1.0)
    filled = round(share * width)
    text = Text(FULL * filled, style=style)
    text.append(EMPTY * (width - filled), style="dim")
    return text


def signed(delta: float | None, places: int = 1) -> Text:
    """A change with an arrow: ▲ up (green), ▼ down (red), = flat; '—' when unknown."""
    if delta is None:
        return Text("  —  ", style="dim")
    if delta > 0.05:
        return Text(f"▲{delta:.{places}f}", style="green")
    if delta < -0.05:
        return Text(f"▼{abs(delta):.{places}f}", style="red")
    return Text(f"={abs(delta):.{places}f}", style="dim")
