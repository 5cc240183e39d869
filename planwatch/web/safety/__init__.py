"""Guards against hostile input shared by every entry point (API, forms, imports, exports, CLI):
link and redirect checks, the evidence file-type rule, spreadsheet formula escaping, and the
idempotency keys that make a retried write safe."""
