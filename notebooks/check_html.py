"""Checks that a notebook's HTML export keeps its charts: every image/svg+xml output of the
executed notebook appears in the HTML as an inline <svg> with the same text marks (the chart's
title and axis labels), and the notebook drew at least one chart.

Usage: python3 check_html.py EXECUTED.ipynb EXPORTED.html (exit 1, saying what is missing).
"""
import html, json, re, sys

def text_marks(svg: str) -> list[str]:
    """The text elements of an SVG chart (titles, axis labels), unescaped."""
    return [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.strip()]

def main(notebook_path: str, html_path: str) -> int:
    notebook = json.load(open(notebook_path, encoding="utf8"))
    charts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            svg = output.get("data", {}).get("image/svg+xml")
            if svg is not None:
                charts.append("".join(svg) if isinstance(svg, list) else svg)
    page = open(html_path, encoding="utf8").read()
    inline = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    problems = []
    if not charts:
        problems.append("the executed notebook has no chart output (image/svg+xml)")
    if len(inline) < len(charts):
        problems.append(f"{len(charts)} chart(s) in the notebook, {len(inline)} inline <svg> in the HTML")
    page_text = html.unescape(page)
    for index, chart in enumerate(charts):
        missing = [mark for mark in text_marks(chart) if mark not in page_text]
        if missing:
            problems.append(f"chart {index + 1}: its text {missing[:3]} is not in the HTML")
    for problem in problems:
        print(f"notebooks: {html_path}: {problem}", file=sys.stderr)
    if not problems:
        print(f"notebooks: {html_path}: {len(charts)} chart(s) kept")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
