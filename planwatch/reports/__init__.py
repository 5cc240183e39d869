"""Progress and mid-term evaluation reports (.docx per GB/T 9704-2012, .html, .pdf).

``build.build_report`` computes a ``content.ReportContent`` from plain inputs; the writers lay it out.
"""
