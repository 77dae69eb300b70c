"""The form for typing a reading from the SSI page, or correcting a saved one."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ssi_tui.core.domain import PILLARS
from ssi_tui.core.readings import Reading, ReadingError, build_reading

FIELDS: tuple[tuple[str, str], ...] = (
    ("date", "Date (YYYY-MM-DD)"),
    ("total", "Total of 100 (optional)"),
    *((pillar.key, pillar.label) for pillar in PILLARS),
    ("industry_rank", "Industry rank: Top N%"),
    ("network_rank", "Network rank: Top N%"),
    ("industry_average", "Industry average SSI"),
    ("network_average", "Network average SSI"),
)
REQUIRED = {"date", *(pillar.key for pillar in PILLARS)}


class FormError(ValueError):
    """A field that cannot be read; the message names it."""


def _number(raw: str, label: str) -> float | None:
    text = raw.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise FormError(f"{label} must be a number, not {raw.strip()!r}.") from None


def _whole(raw: str, label: str) -> int | None:
    value = _number(raw, label)
    if value is not None and value != int(value):
        raise FormError(f"{label} must be a whole number.")
    return None if value is None else int(value)


def reading_from_fields(values: dict[str, str], today: date) -> Reading:
    """Read and validate the form's fields (raises FormError or ReadingError)."""
    labels = dict(FIELDS)
    for key in REQUIRED:
        if not values.get(key, "").strip():
            raise FormError(f"{labels[key].split(' (')[0]} is required.")
    try:
        day = date.fromisoformat(values["date"].strip())
    except ValueError:
        raise FormError(f"The date must look like 2026-06-01, not {values['date']!r}.") from None
    pillars = {p.key: _number(values[p.key], p.label) for p in PILLARS}
    return build_reading(
        day=day,
        pillars={key: value for key, value in pillars.items() if value is not None},
        total=_number(values.get("total", ""), "The total"),
        today=today,
        industry_rank=_whole(values.get("industry_rank", ""), "The industry rank"),
        network_rank=_whole(values.get("network_rank", ""), "The network rank"),
        industry_average=_number(values.get("industry_average", ""), "The industry average"),
        network_average=_number(values.get("network_average", ""), "The network average"),
        source="form",
    )


def _fields_of(reading: Reading | None, today: date) -> dict[str, str]:
    if reading is None:
        return {"date": today.isoformat()}
    values: dict[str, str] = {
        "date": reading.date.isoformat(),
        "total": f"{reading.total:g}",
        **{key: f"{value:g}" for key, value in reading.pillars.items()},
    }
    for key in ("industry_rank", "network_rank", "industry_average", "network_average"):
        value = getattr(reading, key)
        if value is not None:
            values[key] = f"{value:g}"
    return values


class ReadingFormScreen(ModalScreen[Reading | None]):
    """Dismisses with a validated reading, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="reading_form.save"),
        Binding("escape", "cancel", "Cancel", id="reading_form.cancel"),
    ]

    AUTO_FOCUS = "#field-date"

    def __init__(self, today: date, reading: Reading | None = None) -> None:
        super().__init__()
        self.today = today
        self.initial = _fields_of(reading, today)
        self.title_text = "Correct a reading" if reading else "Record a reading"

    def compose(self) -> ComposeResult:
        with Vertical(id="reading-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            with Grid(id="reading-fields"):
                for key, label in FIELDS:
                    yield Label(label)
                    yield Input(self.initial.get(key, ""), id=f"field-{key}", compact=True)
            yield Static("", id="reading-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="reading-save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="reading-cancel", compact=True)

    def values(self) -> dict[str, str]:
        return {key: self.query_one(f"#field-{key}", Input).value for key, _ in FIELDS}

    @on(Button.Pressed, "#reading-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            reading = reading_from_fields(self.values(), self.today)
        except (FormError, ReadingError) as error:
            self.query_one("#reading-error", Static).update(str(error))
            return
        self.dismiss(reading)

    @on(Button.Pressed, "#reading-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
