"""Inline SVG charts drawn as text: no plotting library, no scripts, no fonts to fetch.

Deterministic output (same numbers → same bytes), so reports stay reproducible. Every label
passes through :func:`carbonev.report.escape.html`.
"""

from __future__ import annotations

from carbonev.report.escape import html as escape

PALETTE = ("#3b6ea5", "#e08a2c", "#4f9a57", "#c44e52", "#8172b2", "#937860", "#da8bc3", "#8c8c8c", "#ccb974")
FONT = ("font-family=\"Arial,'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
        "'WenQuanYi Micro Hei',sans-serif\"")


def _num(v: float) -> str:
    if abs(v) < 1e-9:
        return "0"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"


def _scale(lo: float, hi: float, x0: float, width: float):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = (hi - lo) or 1.0
    return lambda v: x0 + (v - lo) / span * width


def bar_chart(items: list[tuple[str, float]], title: str, *, width: int = 760, label_width: int = 270) -> str:
    """Horizontal bars, one per (label, value); negative values extend left of zero."""
    row, top, value_w = 28, 34, 90
    height = top + row * len(items) + 12
    plot_w = width - label_width - value_w - 10
    values = [v for _, v in items] or [0.0]
    x = _scale(min(values), max(values), label_width, plot_w)
    zero = x(0.0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" {FONT} font-size="13">',
             f"<title>{escape(title)}</title>",
             f'<text x="0" y="18" font-weight="bold" font-size="14">{escape(title)}</text>']
    for i, (label, value) in enumerate(items):
        y = top + i * row
        left, right = sorted((zero, x(value)))
        colour = PALETTE[i % len(PALETTE)] if value >= 0 else "#4f9a57"
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{left:.1f}" y="{y + 4}" width="{max(right - left, 0.5):.1f}" height="{row - 8}" '
                     f'fill="{colour}"><title>{escape(label)}: {_num(value)}</title></rect>')
        parts.append(f'<text x="{label_width + plot_w + 8}" y="{y + 17}">{escape(_num(value))}</text>')
    parts.append(f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{top + row * len(items)}" '
                 'stroke="#333" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)


def range_chart(items: list[tuple[str, float, float, float]], title: str, *, width: int = 760,
                label_width: int = 270) -> str:
    """One whisker per (label, low, middle, high): a line from low to high, a dot at middle."""
    row, top, value_w = 28, 34, 150
    height = top + row * len(items) + 12
    plot_w = width - label_width - value_w - 10
    lows = [lo for _, lo, _, _ in items] or [0.0]
    highs = [hi for _, _, _, hi in items] or [0.0]
    x = _scale(min(lows), max(highs), label_width, plot_w)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" {FONT} font-size="13">',
             f"<title>{escape(title)}</title>",
             f'<text x="0" y="18" font-weight="bold" font-size="14">{escape(title)}</text>']
    for i, (label, lo, mid, hi) in enumerate(items):
        y = top + i * row + row / 2
        parts.append(f'<text x="{label_width - 8}" y="{y + 4}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<line x1="{x(lo):.1f}" y1="{y}" x2="{x(hi):.1f}" y2="{y}" stroke="{PALETTE[0]}" '
                     'stroke-width="3"/>')
        parts.append(f'<circle cx="{x(mid):.1f}" cy="{y}" r="5" fill="{PALETTE[1]}"/>')
        parts.append(f'<text x="{label_width + plot_w + 8}" y="{y + 4}">'
                     f'{escape(_num(lo))} – {escape(_num(hi))}</text>')
    zero = x(0.0)
    parts.append(f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{top + row * len(items)}" '
                 'stroke="#333" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)


def tornado_chart(items: list[tuple[str, float, float]], base: float, title: str, *, width: int = 760,
                  label_width: int = 330) -> str:
    """One bar per (label, output at the low input, output at the high input) around ``base``:
    the bar spans the two outputs, the line marks the base."""
    row, top, value_w = 28, 34, 150
    height = top + row * len(items) + 12
    plot_w = width - label_width - value_w - 10
    ends = [v for _, lo, hi in items for v in (lo, hi)] or [base]
    lo_all, hi_all = min([*ends, base]), max([*ends, base])
    span = (hi_all - lo_all) or 1.0

    def x(v: float) -> float:
        return label_width + (v - lo_all) / span * plot_w

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" {FONT} font-size="12">',
             f"<title>{escape(title)}</title>",
             f'<text x="0" y="18" font-weight="bold" font-size="14">{escape(title)}</text>']
    for i, (label, lo, hi) in enumerate(items):
        y = top + i * row
        shown = label if len(label) <= 48 else label[:47] + "…"
        left, right = sorted((x(lo), x(hi)))
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(shown)}</text>')
        parts.append(f'<rect x="{left:.1f}" y="{y + 4}" width="{max(right - left, 0.5):.1f}" height="{row - 8}" '
                     f'fill="{PALETTE[0] if hi >= lo else PALETTE[1]}"><title>{escape(label)}: {_num(lo)} – '
                     f'{_num(hi)}</title></rect>')
        parts.append(f'<text x="{label_width + plot_w + 8}" y="{y + 17}">{escape(_num(lo))} – {escape(_num(hi))}'
                     "</text>")
    b = x(base)
    parts.append(f'<line x1="{b:.1f}" y1="{top - 4}" x2="{b:.1f}" y2="{top + row * len(items)}" stroke="#333" '
                 'stroke-width="1.5"/>')
    parts.append("</svg>")
    return "".join(parts)
