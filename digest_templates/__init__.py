"""Jinja2 templates of every digest email and preview page (HTML with autoescape, plain-text twins).

Layout: `base.html`/`base.txt` (frame, footer), `macros.html`/`macros.txt` (`call_card`), one template per
digest kind (`member`, `pillar`, `manager`, `reminder`). Words come from `digests.i18n`, not from per-language copies.
"""

from pathlib import Path

TEMPLATE_DIR = Path(__file__).parent
