"""Pages generated at build time (mkdocs-gen-files), so that the site cannot go stale.

- reference/kinds.md: every plan file kind, from the JSON Schemas in schemas/;
- reference/cli.md: every verb and option, from the CLI's own parser;
- reference/api.md: every public name, from ``teijuu.api.__all__`` (mkdocstrings);
- plans/*: the bundled plans — the 3rd vision measure by measure, the FY2024 report with its
  charts (SVG drawn here, nothing fetched when the page is viewed), the published claims
  checked, and the 3rd → 4th diff.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import mkdocs_gen_files

from teijuu.cli import build_parser
from teijuu.diffing import diff_pair
from teijuu.findings import Severity
from teijuu.grading import grade_vision
from teijuu.model import SCHEMA_FILES, PolicyFramework, Sphere, Vision
from teijuu.render.diff import render_diff_markdown
from teijuu.render.markdown import render_markdown
from teijuu.render.report import number, percent, report_data
from teijuu.validate import reconcile_findings, validate_paths

ROOT = Path(__file__).resolve().parent.parent


def write(name: str, text: str) -> None:
    with mkdocs_gen_files.open(name, "w") as handle:
        handle.write(text)


# -- plan file kinds, from the schemas ---------------------------------------------------------


def _type(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = defs.get(name, {})
        if "enum" in target:
            return " \\| ".join(f"`{v}`" for v in target["enum"])
        return f"[{name}](#{name.lower()})"
    if "anyOf" in schema:
        return " or ".join(_type(s, defs) for s in schema["anyOf"])
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}), defs)}"
    if kind == "object" and "additionalProperties" in schema:
        return f"mapping to {_type(schema['additionalProperties'], defs)}"
    if "pattern" in schema and kind == "string":
        return "text (pattern)"
    return str(kind).replace("null", "—")


def _fields(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    rows = ["| key | type | required | description |", "| --- | --- | :---: | --- |"]
    for key, spec in schema.get("properties", {}).items():
        description = (spec.get("description") or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{key}` | {_type(spec, defs)} | {'✓' if key in required else ''} | "
                    f"{description} |")  # fmt: skip
    return rows


def kinds_page() -> str:
    out = ["# Plan file kinds", "",
           "Generated from the JSON Schemas in `schemas/` (which are generated from the models). "
           "Each plan file starts with its schema line, `apiVersion: teijuu/v1` and `kind:`.", ""]  # fmt: skip
    examples = {d.kind: s.path for s in validated.sources for d in [s.document]}
    for kind, file in SCHEMA_FILES.items():
        schema = json.loads((ROOT / "schemas" / file).read_text("utf-8"))
        defs = schema.get("$defs", {})
        out += [f"## {kind}", "", schema.get("description", "") or "", "",
                f"Schema: `schemas/{file}`.", ""]  # fmt: skip
        if kind in examples:
            out += [f"Example: `{examples[kind]}` in the bundled plans.", ""]
        out += _fields(schema, defs)
        for name, sub in defs.items():
            if sub.get("type") == "object" and sub.get("properties"):
                out += ["", f"### {name}", "", (sub.get("description") or "").strip(), ""]
                out += _fields(sub, defs)
        out.append("")
    return "\n".join(out)


# -- the command line, from its parser ---------------------------------------------------------


def cli_page() -> str:
    parser = build_parser()
    out = ["# Command line", "", "Generated from `teijuu`'s own argument parser.", "",
           "```text", parser.format_help().rstrip(), "```", ""]  # fmt: skip
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        out += [f"## teijuu {name}", "", sub.description or "", "", "```text",
                sub.format_usage().strip(), "```", "", "| option | meaning |", "| --- | --- |"]  # fmt: skip
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            flags = ", ".join(action.option_strings) or action.metavar or action.dest
            choices = f" (one of: {', '.join(map(str, action.choices))})" if action.choices else ""
            default = (f" Default: `{action.default}`." if action.default not in (None, False,
                       argparse.SUPPRESS) and action.option_strings else "")  # fmt: skip
            text = (action.help or "").replace("|", "\\|") + choices + default
            out.append(f"| `{flags}` | {text} |")
        out.append("")
    return "\n".join(out)


# -- the bundled plans -------------------------------------------------------------------------

validated = validate_paths([ROOT / "plans"])
plan = validated.plan
third = plan.get(Vision, "ichinoseki-hiraizumi-3")
fourth = plan.get(Vision, "ichinoseki-hiraizumi-4")
framework = plan.get(PolicyFramework, "ichinoseki-hiraizumi")
assert third is not None
assert fourth is not None
assert framework is not None
years = {r.fiscal_year: grade_vision(third, r, framework) for r in plan.results_of(third.id)}


def overview_page() -> str:
    sphere = plan.get(Sphere, "ichinoseki-hiraizumi")
    assert sphere is not None
    members = "、".join(m.name for m in sphere.municipalities)
    centrals = "、".join(m.name for m in sphere.municipalities if m.id in sphere.central_cities)
    out = [f"# {sphere.name}", "", f"構成市町 / Municipalities: {members}（中心市: {centrals}）", "",
           "## 経過 / History", "", "| 年度 | 月日 | 主体 | 内容 | 備考 |", "| --- | --- | --- | --- | --- |"]  # fmt: skip
    for event in sphere.history:
        out.append(f"| {event.fiscal_year_printed or ''} | {event.date or ''} | "
                   f"{event.actors_printed or ''} | {event.event} | {event.note or ''} |")  # fmt: skip
    out += ["", "## ビジョン / Visions", ""]
    for vision in plan.visions:
        out.append(f"- **{vision.title}** — {vision.status.value}, 計画期間 {vision.current_period}"
                   f"（策定時 {vision.period}）, {len(vision.measures)} 施策")  # fmt: skip
    out += ["", "出典 / Source: 令和7年度第2回一関・平泉定住自立圏共生ビジョン懇談会 資料 (2025-12-17), "
            "`plans/ichinoseki-hiraizumi/source/`.", ""]  # fmt: skip
    return "\n".join(out)


def spheres_page() -> str:
    """Every sphere in plans/, as far as its files say: unknowns are 不明, never guessed."""
    out = ["# 各地の定住自立圏 / Spheres in the plans", "",
           "teijuu の同梱計画に含まれる圏域の一覧です。公表資料から分かる範囲のみを記録し、分からない"
           "ことは「不明」としています。出典は各ファイルの `sources` にあります。 / Every sphere in "
           "`plans/`, as far as public sources go; what they do not say is 不明 (unknown).", ""]  # fmt: skip
    status_ja = {"forming": "形成中", "active": "活動中", "ended": "終了"}
    for sphere in sorted(plan.spheres, key=lambda s: s.id):
        centrals = "、".join(m.name for m in sphere.municipalities if m.id in sphere.central_cities)
        kind = "（複眼型中心市）" if len(sphere.central_cities) > 1 else ""
        prefectures = "・".join(sphere.prefectures) or "不明"
        out += [f"## {sphere.name}", "",
                f"- 中心市: {centrals}{kind}",
                f"- 構成市町村（{len(sphere.municipalities)}）: "
                + "、".join(f"{m.name}（{m.prefecture or '都道府県不明'}）" for m in sphere.municipalities),
                f"- 都道府県: {prefectures}",
                f"- 状況: {status_ja[sphere.status.value] if sphere.status else '不明'}"
                + (f"（{sphere.ended} 終了）" if sphere.ended else "")
                + (f"、後継: {sphere.succeeded_by}" if sphere.succeeded_by else ""),
                f"- 協定: {len([a for a in plan.agreements if a.sphere == sphere.id])} 件"]  # fmt: skip
        for vision in sorted(
            (v for v in plan.visions if v.sphere == sphere.id),
            key=lambda v: (v.period.start, v.edition or 0),
        ):
            excerpt = "（抜粋）" if vision.partial else ""
            kpis = sum(len(m.kpis) for m in vision.measures) + sum(
                len(g.indicators) for g in vision.goals
            )
            out.append(f"- {vision.title}{excerpt}: 計画期間 {vision.current_period}"
                       f"{'（' + vision.current_period.printed + '）' if vision.current_period.printed else ''}, "
                       f"施策 {len(vision.measures)}, 目標 {len(vision.goals)}, 指標 {kpis}, "
                       f"改定 {len(vision.revisions)}")  # fmt: skip
        cited = sum(len(d.sources) for d in plan if getattr(d, "sphere", d.id) == sphere.id)
        out += [f"- 出典 / Sources: {cited}", ""]
    return "\n".join(out)


def vision_page() -> str:
    assert third is not None
    out = [f"# {third.title}", "", f"計画期間 / Period: {third.current_period}（策定時 "
           f"{third.period}）. 各施策のKPI、現状値、目標値、実績値、達成状況、事業費（千円）。", ""]  # fmt: skip
    for measure in third.measures:
        field = framework.field(measure.field) if framework else None
        out += [f"## {measure.no}. {measure.name}", "",
                f"*{field[0].name if field and field[0] else measure.viewpoint} / "
                f"{field[1].name if field else measure.field}* — `{measure.id}`", ""]  # fmt: skip
        if measure.content:
            out += [measure.content.replace("\n", "  \n"), ""]
        header = ["KPI", "現状値", "目標値", *(f"FY{y}" for y in sorted(years))]
        out += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for kpi in measure.kpis:
            cells = [kpi.name, number(kpi.baseline.value if kpi.baseline else None, kpi.unit),
                     number(kpi.target.value if kpi.target else None, kpi.unit)]  # fmt: skip
            for year in sorted(years):
                graded = years[year].grade_of(measure.id, kpi.id)
                cells.append(
                    f"{number(graded.actual, kpi.unit)} ({percent(graded.rate)}, "
                    f"**{graded.grade}**)"
                    if graded and graded.grade
                    else "—"
                )
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        figures = measure.budget.years if measure.budget else {}
        budget = " / ".join(f"FY{y}: {number(v)}" for y, v in sorted(figures.items())) or "不明"
        unit = measure.budget.unit if measure.budget else "千円"
        out += ["", f"事業費（{unit}） / Budget: {budget}", ""]
    return "\n".join(out)


def report_page() -> str:
    assert third is not None
    data = report_data(plan, third, 2024)
    return render_markdown(data, "ja", source="plans/ichinoseki-hiraizumi", charts="svg")


def check_page() -> str:
    findings = reconcile_findings(validated)
    out = ["# 公表内容の照合 / Published claims checked", "",
           "`teijuu check` compares what the committee papers of 2025-12-17 state with what the "
           "plans give. Errors are contradictions; warnings are names spelled another way or "
           "figures that hold only under another rounding; notes are what cannot be checked.", "",
           "| | where | finding |", "| --- | --- | --- |"]  # fmt: skip
    icons = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
    for f in findings:
        where = f"`{Path(f.file or '').name}:{f.line}`"
        message = f.message.replace("|", "\\|")
        out.append(f"| {icons[f.severity]} {f.code} | {where} | {message} |")
    return "\n".join(out) + "\n"


def diff_page() -> str:
    assert third is not None
    assert fourth is not None
    diff = diff_pair(third, fourth, old_plan=plan, new_plan=plan)
    return ("# 第3次 → 第4次（素案） / 3rd → 4th draft\n\n"
            + render_diff_markdown(diff, "ja").split("\n", 1)[1])  # fmt: skip


def api_page() -> str:
    from teijuu import api

    names = [n for n in api.__all__ if n != "__version__"]
    functions = [
        n for n in names if callable(getattr(api, n)) and not isinstance(getattr(api, n), type)
    ]
    classes = [n for n in names if n not in functions]
    out = [
        "# Python API",
        "",
        "Generated from `teijuu.api.__all__`: everything here is also a name of `teijuu` itself.",
        "See",
        "[Using teijuu from Python](../python.md) for whole scripts. Values are exact",
        "(`Decimal`, `Fraction`); unknown figures are `None`, never 0.",
        "",
        "## Functions",
        "",
    ]
    for name in functions:
        out += [f"::: teijuu.api.{name}", "    options:", "      heading_level: 3", ""]
    out += ["## Types", ""]
    for name in classes:
        out += [
            f"::: teijuu.api.{name}",
            "    options:",
            "      heading_level: 3",
            "      members: false" if name in _MODEL_TYPES else "      members: true",
            "",
        ]
    out += [
        "## Grading, underneath",
        "",
        "`Plan.grade` calls these; they grade one KPI, or a vision against one results document.",
        "",
        "::: teijuu.grading.grade_kpi",
        "    options:",
        "      heading_level: 3",
        "",
        "::: teijuu.grading.grade_vision",
        "    options:",
        "      heading_level: 3",
        "",
    ]
    return "\n".join(out)


_MODEL_TYPES = {
    "Budget",
    "Document",
    "Kpi",
    "Measure",
    "Period",
    "PolicyFramework",
    "Results",
    "Sphere",
    "Vision",
}
"""Plan models: their fields are in the plan file kinds reference, not repeated here."""


write("reference/kinds.md", kinds_page())
write("reference/api.md", api_page())
write("reference/cli.md", cli_page())
write("plans/index.md", overview_page())
write("plans/spheres.md", spheres_page())
write("plans/vision-3.md", vision_page())
write("plans/report-fy2024.md", report_page())
write("plans/check.md", check_page())
write("plans/diff-3-4.md", diff_page())
