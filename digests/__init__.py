"""Digests: what each member, pillar guarantor and the manager is told each week, and its exactly-once delivery.

compose (what goes in) → render (Jinja templates in `digest_templates`, CSS inlined) → mail (MIME, headers)
→ delivery (outbox files, SMTP with retries) — driven by `service.run_digests`, recorded in `store.Digest`.
"""
