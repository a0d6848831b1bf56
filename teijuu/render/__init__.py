"""Rendering graded plans for people: terminal tables, CSV, Markdown and Excel workbooks."""
